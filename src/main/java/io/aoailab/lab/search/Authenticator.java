package io.aoailab.lab.search;

import io.aoailab.lab.entra.Caller;
import io.aoailab.lab.entra.TokenCheck;
import io.aoailab.lab.entra.TokenVerifier;
import io.aoailab.lab.http.LabExchange;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a request is from. Search takes an {@code api-key} header (admin or query key) or an Entra bearer token for
 * {@code https://search.azure.com}; the service here allows both ("Both" in the portal's API access control).
 *
 * <p><b>Audience.</b> azure-search-documents 11.8.1 asks its {@code TokenCredential} for
 * {@code https://search.azure.com/.default} unless told another {@code SearchAudience} (VERIFIED-LOCAL:
 * {@code Utility.buildHttpPipeline} appends {@code /.default} to {@code SearchAudience.AZURE_PUBLIC_CLOUD}); the token
 * then carries {@code aud} {@code https://search.azure.com}, the one audience accepted here (the lab's authority
 * compares it with or without a trailing slash). Sovereign-cloud audiences ({@code https://search.azure.us},
 * {@code .cn}) are refused, as the public-cloud service refuses them.
 *
 * <p><b>Precedence.</b> "If you configure role-based access for a service or index and you also provide an API key on
 * the request, the search service uses the API key to authenticate" (MicrosoftDocs/azure-ai-docs
 * search-security-rbac.md, PRIMARY): the key decides when both are sent — the opposite of the lab's Azure OpenAI
 * account, where the token wins.
 */
final class Authenticator {
    static final String AUDIENCE = "https://search.azure.com";

    private final ServiceKeys keys;
    private final TokenVerifier tokens;

    Authenticator(ServiceKeys keys, TokenVerifier tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    Identity authenticate(LabExchange exchange) {
        Optional<String> apiKey = exchange.header("api-key").filter(k -> !k.isBlank());
        if (apiKey.isPresent()) {
            return keys.kindOf(apiKey.get())
                    .<Identity>map(kind -> kind == ServiceKeys.Kind.ADMIN ? new Identity.AdminKey()
                            : new Identity.QueryKey())
                    .orElseGet(() -> new Identity.Refused(SearchErrors.invalidKey()));
        }
        if (exchange.hasQuery("api-key")) {
            // admin keys never travel in the URI (search-security-api-keys.md); the lab refuses any key there
            return new Identity.Refused(SearchErrors.keyInQueryString());
        }
        Optional<String> authorization = exchange.header("Authorization").filter(a -> !a.isBlank());
        if (authorization.isEmpty()) {
            return new Identity.Refused(SearchErrors.missingCredentials());
        }
        if (!authorization.get().toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return new Identity.Refused(SearchErrors.invalidToken());
        }
        TokenCheck check = tokens.verify(authorization.get(), AUDIENCE);
        // one fixed answer whatever the reason; the reason stays in the lab's own diagnostics
        return check instanceof TokenCheck.Valid valid ? new Identity.Principal(valid.caller())
                : new Identity.Refused(SearchErrors.invalidToken());
    }

    /** Who a request authenticated as, or why it is refused. */
    sealed interface Identity {

        /** An admin key: every data-plane operation, no RBAC (keys are not principals). */
        record AdminKey() implements Identity {
        }

        /** A query key: reading the documents collection only. */
        record QueryKey() implements Identity {
        }

        /** A valid Entra token; RBAC decides. */
        record Principal(Caller caller) implements Identity {
        }

        record Refused(ErrorReply reply) implements Identity {
        }
    }
}
