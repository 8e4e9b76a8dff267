package io.aoailab.lab.openai;

import io.aoailab.lab.entra.TokenCheck;
import io.aoailab.lab.entra.TokenVerifier;
import io.aoailab.lab.secrets.LabSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The account's two ways in (docs/azure-facts.md §3.1): {@code api-key} with one of the account's two keys, or
 * {@code Authorization: Bearer} with an Entra token for {@code https://cognitiveservices.azure.com}.
 *
 * <p>When a request carries both, the bearer token decides and the key is ignored. docs/azure-facts.md leaves Azure's choice
 * UNCONFIRMED but note that AI-Gateway labs succeed with exactly that combination (APIM forwards the caller's
 * {@code api-key} subscription key, which is no account key, next to its managed-identity token, §2) — which only
 * works if the token wins.
 */
final class Authenticator {
    private final List<LabSecret> keys;
    private final boolean keyAuthDisabled;
    private final TokenVerifier tokens;
    private final String audience;

    Authenticator(List<LabSecret> keys, boolean keyAuthDisabled, TokenVerifier tokens) {
        this(keys, keyAuthDisabled, tokens, AzureErrors.COGNITIVE_SERVICES_AUDIENCE);
    }

    /** @param audience the token audience this surface takes: the account's, or a Foundry project's */
    Authenticator(List<LabSecret> keys, boolean keyAuthDisabled, TokenVerifier tokens, String audience) {
        this.keys = List.copyOf(keys);
        this.keyAuthDisabled = keyAuthDisabled;
        this.tokens = tokens;
        this.audience = audience;
    }

    Authentication authenticate(Optional<String> authorization, Optional<String> apiKey) {
        if (authorization.isPresent() && isBearer(authorization.get())) {
            TokenCheck check = tokens.verify(authorization.get(), audience);
            // docs/azure-facts.md §3.2: one fixed body whatever the reason; the reason stays in the lab's own diagnostics
            return check instanceof TokenCheck.Valid valid ? new Authentication.Principal(valid.caller())
                    : new Authentication.Refused(AzureErrors.invalidToken(audience));
        }
        if (apiKey.isPresent()) {
            if (keyAuthDisabled) {
                // docs/azure-facts.md §3.3: the key is not even looked at once local auth is off
                return new Authentication.Refused(AzureErrors.keyAuthDisabled());
            }
            return isAccountKey(apiKey.get()) ? new Authentication.AccountKey()
                    : new Authentication.Refused(AzureErrors.invalidKey());
        }
        // A non-Bearer Authorization scheme is a token Azure cannot read: the token body. No credential at all is a
        // "missing key" (docs/azure-facts.md §3.2 lists the key body for "bad or missing key").
        return new Authentication.Refused(authorization.isPresent() ? AzureErrors.invalidToken(audience)
                : AzureErrors.invalidKey());
    }

    private boolean isAccountKey(String presented) {
        byte[] candidate = presented.trim().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (LabSecret key : keys) {
            // constant-time per key, and every key is compared, so timing says nothing about which one matched
            match |= MessageDigest.isEqual(candidate, key.reveal().getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    private static boolean isBearer(String authorization) {
        return authorization.toLowerCase(Locale.ROOT).startsWith("bearer ");
    }
}
