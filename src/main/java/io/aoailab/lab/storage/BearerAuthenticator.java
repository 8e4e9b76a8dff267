package io.aoailab.lab.storage;

import io.aoailab.lab.entra.Caller;
import io.aoailab.lab.entra.TokenCheck;
import io.aoailab.lab.entra.TokenVerifier;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is calling the blob service, or Storage's refusal. Entra bearer tokens only: the lab's storage accounts have no
 * account keys (and so no SAS), like a BYO account with shared-key access disabled.
 *
 * <p><b>Audiences.</b> azure-storage-blob 12.33.3 asks a {@code TokenCredential} for
 * {@code https://storage.azure.com/.default} unless the builder is given an audience
 * ({@code BuilderHelper.buildPipeline}: {@code audience == null ? Constants.STORAGE_SCOPE : audience + "/.default"},
 * with {@code STORAGE_SCOPE = "https://storage.azure.com/.default"}; read from the released jar). With
 * {@code .audience(BlobAudience.createBlobServiceAccountAudience(name))} it asks for
 * {@code https://<name>.blob.core.windows.net/.default}. Storage accepts tokens for both, so the lab accepts both
 * audiences: {@code https://storage.azure.com} and {@code https://<name>.blob.core.windows.net} (no trailing slash, as
 * Entra writes {@code aud}).
 *
 * <p><b>Order</b> (sources in {@link StorageErrors}): a malformed {@code x-ms-version} is 400; no credential is 401
 * with the bearer challenge (or 409 for versions before the challenge existed); a Bearer token with no version, or one
 * before 2017-11-09, is 403 "Authentication scheme Bearer is not supported in this version" — checked before the
 * token, since Storage cannot read that scheme at that version (order UNCONFIRMED); then the token itself (401).
 */
final class BearerAuthenticator {
    /** The first version that takes OAuth tokens ([ENTRA-DOC]). */
    static final String FIRST_OAUTH_VERSION = "2017-11-09";
    /** The first version that answers anonymous requests with the bearer challenge ([ENTRA-DOC]). */
    static final String FIRST_CHALLENGE_VERSION = "2019-12-12";
    static final String STORAGE_AUDIENCE = StorageErrors.STORAGE_RESOURCE;

    private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final TokenVerifier tokens;
    private final List<String> audiences;
    private final String tenantId;

    BearerAuthenticator(TokenVerifier tokens, String blobHostName, String tenantId) {
        this.tokens = tokens;
        this.audiences = List.of(STORAGE_AUDIENCE, "https://" + blobHostName);
        this.tenantId = tenantId;
    }

    List<String> audiences() {
        return audiences;
    }

    /** Whether {@code value} has the shape of a service version, {@code YYYY-MM-DD}. */
    static boolean isVersion(String value) {
        return VERSION.matcher(value).matches();
    }

    Outcome authenticate(Optional<String> authorization, Optional<String> version) {
        if (version.isPresent() && !isVersion(version.get())) {
            return new Outcome.Refused(StorageErrors.invalidVersion(version.get()));
        }
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            boolean challenges = version.isPresent() && version.get().compareTo(FIRST_CHALLENGE_VERSION) >= 0;
            return new Outcome.Refused(challenges ? StorageErrors.noAuthenticationInformation(tenantId)
                    : StorageErrors.publicAccessNotPermitted());
        }
        String scheme = authorization.get().trim().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("sharedkey") || scheme.equals("sharedkeylite")) {
            return new Outcome.Refused(StorageErrors.keyBasedAuthenticationNotPermitted());
        }
        if (!scheme.equals("bearer")) {
            return new Outcome.Refused(StorageErrors.malformedAuthorization());
        }
        if (version.isEmpty() || version.get().compareTo(FIRST_OAUTH_VERSION) < 0) {
            return new Outcome.Refused(StorageErrors.bearerNeedsVersion());
        }
        boolean onlyTheAudience = true;
        for (String audience : audiences) {
            TokenCheck check = tokens.verify(authorization.get(), audience);
            if (check instanceof TokenCheck.Valid valid) {
                return new Outcome.Authenticated(valid.caller());
            }
            onlyTheAudience &= check instanceof TokenCheck.Invalid invalid && invalid.wrongAudience();
        }
        // Storage's fixed answers; the verifier's reason is lab diagnostics, never sent (it may quote claims)
        return new Outcome.Refused(onlyTheAudience ? StorageErrors.audienceMismatch(tenantId)
                : StorageErrors.invalidAuthenticationInfo(tenantId));
    }

    sealed interface Outcome {
        record Authenticated(Caller caller) implements Outcome {
        }

        record Refused(StorageError error) implements Outcome {
        }
    }
}
