package io.aoailab.lab.entra;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aoailab.lab.topology.Topology;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks bearer tokens against the lab's authority, in the order a resource server does: the header's shape,
 * the signature, who issued it (tenant, then issuer), when it is valid, and for whom ({@code aud}).
 *
 * <p>No clock skew is allowed: the authority and every lab service read the same {@link Clock}, so there is no
 * skew to absorb, and tests that move the clock see expiry at the exact second. (Entra itself backdates
 * {@code nbf} by 5 minutes, which covers resource clocks that run behind; see {@link AccessTokens}.)
 *
 * <p>Reasons never contain the token: they end up in lab logs and test failure messages.
 */
final class AccessTokenVerifier implements TokenVerifier {
    private static final String BEARER = "Bearer";

    private final Topology topology;
    private final Supplier<SigningKey> key;
    private final Clock clock;

    AccessTokenVerifier(Topology topology, Supplier<SigningKey> key, Clock clock) {
        this.topology = topology;
        this.key = key;
        this.clock = clock;
    }

    @Override
    public TokenCheck verify(String authorization, String audience) {
        Objects.requireNonNull(audience, "audience");
        if (authorization == null || authorization.isBlank()) {
            return invalid("missing: no Authorization header");
        }
        String[] schemeAndCredential = authorization.strip().split("\\s+", 2);
        if (!BEARER.equalsIgnoreCase(schemeAndCredential[0])) {
            return invalid("malformed: the Authorization scheme is not Bearer");
        }
        String token = schemeAndCredential.length < 2 ? "" : schemeAndCredential[1].strip();
        if (token.isEmpty()) {
            return invalid("missing: the Bearer credential is empty");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return invalid("malformed: not a signed JWT (three base64url parts: JSON header, JSON claims, signature)");
        }
        Optional<TokenCheck> badSignature = checkSignature(jwt);
        if (badSignature.isPresent()) {
            return badSignature.get();
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return invalid("malformed: the claims are not a JWT claims set (" + e.getMessage() + ")");
        }
        return checkClaims(claims, audience).orElseGet(() -> caller(claims));
    }

    private Optional<TokenCheck> checkSignature(SignedJWT jwt) {
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return Optional.of(invalid("bad signature: alg '" + jwt.getHeader().getAlgorithm() + "' is not RS256"));
        }
        SigningKey signingKey = key.get();
        String kid = jwt.getHeader().getKeyID();
        if (kid != null && !kid.equals(signingKey.keyId())) {
            return Optional.of(invalid("bad signature: signed by an unknown key (kid '" + kid + "', the authority's is '"
                    + signingKey.keyId() + "')"));
        }
        if (!signingKey.verifies(jwt)) {
            return Optional.of(invalid("bad signature: the signature does not verify with the authority's key"));
        }
        return Optional.empty();
    }

    private Optional<TokenCheck> checkClaims(JWTClaimsSet claims, String audience) {
        String tenantId = topology.tenant().id();
        String tid = string(claims, "tid");
        if (tid == null) {
            return Optional.of(invalid("malformed: no tid claim"));
        }
        if (!tid.equalsIgnoreCase(tenantId)) {
            return Optional.of(invalid("wrong tenant '" + tid + "' expected '" + tenantId + "'"));
        }
        String issuer = AccessTokens.v1Issuer(tenantId);
        if (!issuer.equals(claims.getIssuer())) {
            return Optional.of(invalid("wrong issuer '" + claims.getIssuer() + "' expected '" + issuer + "'"));
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            return Optional.of(invalid("malformed: no exp claim"));
        }
        if (!now.isBefore(expires.toInstant())) {
            return Optional.of(invalid("expired at " + expires.toInstant() + " (now " + now + ")"));
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant())) {
            return Optional.of(invalid("not yet valid: nbf " + notBefore.toInstant() + " is after now " + now));
        }
        List<String> audiences = claims.getAudience();
        if (audiences.stream().noneMatch(aud -> Resources.sameAudience(aud, audience))) {
            String actual = audiences.isEmpty() ? "" : String.join(" ", audiences);
            return Optional.of(invalid(TokenCheck.Invalid.WRONG_AUDIENCE + " '" + actual + "' expected '" + audience
                    + "'"));
        }
        return Optional.empty();
    }

    private TokenCheck caller(JWTClaimsSet claims) {
        String objectId = string(claims, "oid");
        String appId = string(claims, "appid");
        if (objectId == null || appId == null) {
            return invalid("malformed: no " + (objectId == null ? "oid" : "appid") + " claim");
        }
        return topology.principals().stream()
                .filter(p -> p.objectId().equalsIgnoreCase(objectId))
                .findFirst()
                .<TokenCheck>map(p -> new TokenCheck.Valid(new Caller(objectId, appId, string(claims, "tid"), p.name())))
                .orElseGet(() -> invalid("unknown principal: oid '" + objectId + "' names no principal of the topology"));
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    private static TokenCheck invalid(String reason) {
        return new TokenCheck.Invalid(reason);
    }
}
