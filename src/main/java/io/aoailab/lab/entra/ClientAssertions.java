package io.aoailab.lab.entra;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aoailab.lab.topology.Topology.FederatedCredential;
import io.aoailab.lab.topology.Topology.Principal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * What Entra does with a {@code client_assertion} of the {@code jwt-bearer} type from an app that trusts an external
 * identity provider (workload identity federation): the assertion must be a JWT signed by a key the issuer publishes,
 * be valid now, and match one of the app's federated credentials on issuer, audience and subject, compared exactly
 * and case-sensitively (docs/azure-facts.md §9). Each failure is refused with Entra's own AADSTS code.
 *
 * <p>Checks run in this order: the app has federated credentials (70025), the assertion is a JWT (50027), its issuer
 * is one a credential names (700211), its signature verifies with the issuer's key (7000272, 700027), it is valid now
 * (700024), its audience (700212), its subject (700213). Entra needs the issuer before it can fetch keys, and cannot
 * trust claims before the signature; the order among the later checks is [UNCONFIRMED] and matters only to an
 * assertion that is wrong twice.
 *
 * <p>The lab knows one external issuer, its own {@link GitHubIssuer}; a credential may name it by URL or by the
 * keyword {@value FederatedCredential#LAB_GITHUB}. An assertion from any other issuer a credential names cannot be
 * checked, as Entra could not fetch that issuer's metadata (90061).
 *
 * <p>No clock skew is allowed, as in {@link AccessTokenVerifier}: issuer, authority and services share one clock.
 */
final class ClientAssertions {
    /** RFC 7523's client assertion type, the one Entra takes with a federated token. */
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final GitHubIssuer github;
    private final Clock clock;

    ClientAssertions(GitHubIssuer github, Clock clock) {
        this.github = github;
        this.clock = clock;
    }

    /** Why Entra refuses {@code assertion} as {@code principal}'s credential, or empty if it accepts it. */
    Optional<EntraError> refusal(Principal principal, String assertion) {
        List<FederatedCredential> credentials = principal.federatedIdentityCredentials();
        if (credentials.isEmpty()) {
            return Optional.of(EntraError.noFederatedCredentials(principal.name()));
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion.strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.of(EntraError.malformedAssertion());
        }
        String issuer = claims.getIssuer() == null ? "" : claims.getIssuer();
        List<FederatedCredential> sameIssuer = credentials.stream().filter(c -> issuerOf(c).equals(issuer)).toList();
        if (sameIssuer.isEmpty()) {
            return Optional.of(EntraError.noMatchingIssuer(issuer));
        }
        Optional<EntraError> badSignature = signatureRefusal(jwt, issuer);
        if (badSignature.isPresent()) {
            return badSignature;
        }
        Optional<EntraError> outOfTime = timeRefusal(claims);
        if (outOfTime.isPresent()) {
            return outOfTime;
        }
        List<String> audiences = claims.getAudience();
        List<FederatedCredential> sameAudience = sameIssuer.stream()
                .filter(c -> c.audiences().stream().anyMatch(audiences::contains)).toList();
        if (sameAudience.isEmpty()) {
            return Optional.of(EntraError.noMatchingAudience(String.join(" ", audiences)));
        }
        String subject = claims.getSubject() == null ? "" : claims.getSubject();
        if (sameAudience.stream().noneMatch(c -> c.subject().equals(subject))) {
            return Optional.of(EntraError.noMatchingSubject(subject));
        }
        return Optional.empty();
    }

    /** The issuer URL a credential names: the lab's GitHub-like issuer for its keyword. */
    static String issuerOf(FederatedCredential credential) {
        return credential.issuer().equals(FederatedCredential.LAB_GITHUB) ? GitHubIssuer.ISSUER : credential.issuer();
    }

    private Optional<EntraError> signatureRefusal(SignedJWT jwt, String issuer) {
        if (!issuer.equals(GitHubIssuer.ISSUER)) {
            return Optional.of(EntraError.externalIssuerUnreachable());
        }
        String kid = jwt.getHeader().getKeyID();
        Optional<SigningKey> key = kid == null ? Optional.empty() : github.key(kid);
        if (key.isEmpty()) {
            return Optional.of(EntraError.unknownAssertionKey(kid == null ? "" : kid, issuer));
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !key.get().verifies(jwt)) {
            return Optional.of(EntraError.invalidAssertionSignature());
        }
        return Optional.empty();
    }

    private Optional<EntraError> timeRefusal(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Instant notBefore = Optional.ofNullable(claims.getNotBeforeTime()).map(Date::toInstant).orElse(Instant.EPOCH);
        Instant expires = Optional.ofNullable(claims.getExpirationTime()).map(Date::toInstant).orElse(Instant.EPOCH);
        if (!now.isBefore(expires) || now.isBefore(notBefore)) {
            return Optional.of(EntraError.assertionOutsideValidity(now, notBefore, expires));
        }
        return Optional.empty();
    }
}
