package io.aoailab.lab.openai;

import java.util.Optional;
import java.util.Set;

/**
 * The two Responses surfaces an account serves (docs/azure-facts.md §1.1): the dated preview surface, which requires an
 * api-version, and the v1 surface, where api-version is optional and only {@code v1} or {@code preview}.
 */
enum Surface {
    /** {@code /openai/responses?api-version=2025-03-01-preview} (or 2025-04-01-preview). */
    DATED("/openai", Set.of("2025-03-01-preview", "2025-04-01-preview")),
    /** {@code /openai/v1/responses}, api-version optional. */
    V1("/openai/v1", Set.of("v1", "preview"));

    private final String prefix;
    private final Set<String> apiVersions;

    Surface(String prefix, Set<String> apiVersions) {
        this.prefix = prefix;
        this.apiVersions = apiVersions;
    }

    String prefix() {
        return prefix;
    }

    /**
     * Why the api-version is refused, if it is: missing on the dated surface, or not one this surface serves (a dated
     * version on v1, or 2024-10-21 which has no Responses, docs/azure-facts.md §1.1).
     */
    Optional<ErrorAnswer> refuse(Optional<String> apiVersion) {
        if (apiVersion.isEmpty()) {
            return this == DATED ? Optional.of(AzureErrors.missingApiVersion()) : Optional.empty();
        }
        return apiVersions.contains(apiVersion.get()) ? Optional.empty()
                : Optional.of(AzureErrors.apiVersionNotSupported());
    }
}
