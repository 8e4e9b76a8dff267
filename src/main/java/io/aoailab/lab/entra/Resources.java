package io.aoailab.lab.entra;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The first-party resources the lab's authority issues tokens for: the data planes the lab emulates (Azure
 * OpenAI, Foundry projects) and the ones a Foundry deployment reaches through connections (Storage, Search).
 * Their identifiers are what tokens carry as {@code aud}, without a trailing slash (docs/azure-facts.md §3.1).
 */
final class Resources {
    static final List<String> SUPPORTED = List.of(
            "https://cognitiveservices.azure.com",
            "https://ai.azure.com",
            "https://storage.azure.com",
            "https://search.azure.com");

    private static final String DEFAULT_SUFFIX = "/.default";

    private Resources() {
    }

    // Storage also takes tokens for one account's own blob endpoint (azure-storage-blob's BlobAudience)
    private static final java.util.regex.Pattern BLOB_ACCOUNT =
            java.util.regex.Pattern.compile("https://[a-z0-9]{3,24}\\.blob\\.core\\.windows\\.net");

    /** The canonical identifier of {@code resource}, matched case-insensitively, with or without a trailing slash. */
    static Optional<String> find(String resource) {
        String wanted = withoutTrailingSlash(resource).toLowerCase(Locale.ROOT);
        return SUPPORTED.stream().filter(wanted::equals).findFirst()
                .or(() -> BLOB_ACCOUNT.matcher(wanted).matches() ? Optional.of(wanted) : Optional.empty());
    }

    private static final java.util.regex.Pattern GUID =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    /**
     * The audience of a managed-identity token for {@code resource}: the canonical identifier of a resource the lab
     * serves, or else the resource as asked for. A managed identity gets a token for any resource, named by its App ID
     * URI or application id, and that value becomes the token's {@code aud} (docs/azure-facts.md §8, e.g.
     * {@code https://management.azure.com/}, trailing slash included); the resource then decides what to do with it.
     * Empty for something that names no resource at all.
     */
    static Optional<String> forManagedIdentity(String resource) {
        if (resource == null || resource.isBlank()) {
            return Optional.empty();
        }
        String trimmed = resource.strip();
        Optional<String> served = find(trimmed);
        if (served.isPresent()) {
            return served;
        }
        if (GUID.matcher(trimmed).matches()) {
            return Optional.of(trimmed);
        }
        try {
            java.net.URI uri = new java.net.URI(trimmed);
            return uri.isAbsolute() && uri.getHost() != null || "api".equals(uri.getScheme())
                    ? Optional.of(trimmed) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The resource a client-credentials scope names, if the scope has the one shape those flows accept. */
    static Optional<String> ofDefaultScope(String scope) {
        return scope.endsWith(DEFAULT_SUFFIX) && scope.length() > DEFAULT_SUFFIX.length()
                ? Optional.of(scope.substring(0, scope.length() - DEFAULT_SUFFIX.length()))
                : Optional.empty();
    }

    /** Audiences compare without one trailing slash: services are configured both ways, tokens carry neither. */
    static boolean sameAudience(String tokenAudience, String expected) {
        return withoutTrailingSlash(tokenAudience).equalsIgnoreCase(withoutTrailingSlash(expected));
    }

    static String withoutTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
