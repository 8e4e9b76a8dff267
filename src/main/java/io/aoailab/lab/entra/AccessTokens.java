package io.aoailab.lab.entra;

import io.aoailab.lab.topology.Topology.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Mints app-only access tokens shaped as Entra's v1 tokens for first-party resources (what Azure OpenAI, Foundry,
 * Storage and Search receive). A real one, decoded (a client-credentials token for Microsoft Graph, quoted in the
 * README of a public mail-export tool, 2024):
 * <pre>{"aud":"https://graph.microsoft.com","iss":"https://sts.windows.net/63122682-…/","iat":1717046428,
 *  "nbf":1717046428,"exp":1717050328,"aio":"…","app_displayname":"downloader","appid":"1671f074-…","appidacr":"1",
 *  "idp":"https://sts.windows.net/63122682-…/","idtyp":"app","oid":"72243241-…","rh":"…","roles":[…],
 *  "sub":"72243241-…","tenant_region_scope":"EU","tid":"63122682-…","uti":"4GOPt79GP0if650O0N7iAA","ver":"1.0",…}</pre>
 * The lab keeps the claims a resource checks or logs and drops Entra's opaque internals ({@code aio}, {@code rh},
 * {@code xms_*}). As in that token, {@code iat}/{@code nbf} lie 5 minutes before issuance (Entra's allowance for
 * resource clocks that run behind: exp − iat = 3900 s there) and {@code exp} one hour after it.
 */
final class AccessTokens {
    static final Duration LIFETIME = Duration.ofHours(1);
    static final Duration BACKDATING = Duration.ofMinutes(5);
    /** {@code appidacr} of a client that authenticated with a secret. */
    static final String SECRET_AUTHENTICATED = "1";
    /**
     * {@code appidacr} of a managed identity: "2", a certificate, as in a managed identity's token quoted from an
     * Azure Activity Log (an AKS cluster identity, 2023: "appidacr": "2", "idtyp": "app", "ver": "1.0"). Real MI
     * tokens also carry {@code xms_mirid}, the identity's ARM resource id; the topology does not name the APIM
     * resource, so the lab leaves it out.
     */
    static final String CERTIFICATE_AUTHENTICATED = "2";

    private final String tenantId;
    private final Supplier<SigningKey> key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AccessTokens(String tenantId, Supplier<SigningKey> key, Clock clock) {
        this.tenantId = tenantId;
        this.key = key;
        this.clock = clock;
    }

    /** The issuer of v1 tokens, which is not the v2.0 {@code issuer} of the OIDC metadata. */
    static String v1Issuer(String tenantId) {
        return "https://sts.windows.net/" + tenantId + "/";
    }

    IssuedToken issue(Principal principal, String resource, String appIdAcr) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = now.minus(BACKDATING);
        Instant expires = now.plus(LIFETIME);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", resource);
        claims.put("iss", v1Issuer(tenantId));
        claims.put("iat", notBefore.getEpochSecond());
        claims.put("nbf", notBefore.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("appid", principal.clientId());
        claims.put("appidacr", appIdAcr);
        claims.put("idp", v1Issuer(tenantId));
        claims.put("idtyp", "app");
        claims.put("oid", principal.objectId());
        claims.put("sub", principal.objectId());
        claims.put("tid", tenantId);
        claims.put("uti", uniqueTokenId());
        claims.put("ver", "1.0");
        return new IssuedToken(key.get().sign(claims), expires);
    }

    /** Signs arbitrary claims with the authority's key; for tests of the verifier's claim checks. */
    String sign(Map<String, Object> claims) {
        return key.get().sign(claims);
    }

    /** Entra's {@code uti}: 16 random bytes, base64url, 22 characters. */
    private String uniqueTokenId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
