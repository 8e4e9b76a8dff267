package io.aoailab.lab.entra;

import java.time.Instant;

/**
 * An access token the lab's authority issued, e.g. for the APIM gateway's managed identity.
 *
 * <p>{@link #toString()} leaves the token out: a bearer token is a credential, and records print every field.
 *
 * @param accessToken the JWT to send as {@code Authorization: Bearer <accessToken>}
 * @param expiresOn when it expires (its {@code exp} claim)
 */
public record IssuedToken(String accessToken, Instant expiresOn) {

    @Override
    public String toString() {
        return "IssuedToken[accessToken=REDACTED, expiresOn=" + expiresOn + "]";
    }
}
