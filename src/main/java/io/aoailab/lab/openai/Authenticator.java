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
 * <p><b>Both at once</b> (docs/azure-facts.md §3.9). A bearer token that verifies decides, and the {@code api-key} next
 * to it is not looked at: Microsoft's own APIM set-up for Azure OpenAI (the subscription key renamed to
 * {@code api-key}, which APIM passes on by default, next to the gateway's managed-identity token) gets 200s. A bearer
 * value that does not verify leaves the decision to the {@code api-key}: openai-python's {@code AzureOpenAI} before
 * 2.34.0 sent its key as {@code Authorization: Bearer <key>} and as {@code api-key: <key>} on every call, and Azure
 * served it. Without an {@code api-key}, such a bearer gets the token body. Which body a request gets whose token and
 * key both fail, and whether Azure tells a malformed token from a failed one, is UNCONFIRMED; here the key answers.
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
        Optional<String> bearer = authorization.filter(Authenticator::isBearer);
        if (bearer.isPresent()) {
            TokenCheck check = tokens.verify(bearer.get(), audience);
            if (check instanceof TokenCheck.Valid valid) {
                return new Authentication.Principal(valid.caller());
            }
        }
        if (apiKey.isPresent()) {
            if (keyAuthDisabled) {
                // docs/azure-facts.md §3.3: the key is not even looked at once local auth is off
                return new Authentication.Refused(AzureErrors.keyAuthDisabled());
            }
            return isAccountKey(apiKey.get()) ? new Authentication.AccountKey()
                    : new Authentication.Refused(AzureErrors.invalidKey());
        }
        // A bearer that did not verify, or a scheme other than Bearer, is a token Azure cannot accept: one fixed body
        // whatever the reason, which stays in the lab's own diagnostics (docs/azure-facts.md §3.2). No credential at all
        // is a "missing key" (§3.2 lists the key body for "bad or missing key").
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
