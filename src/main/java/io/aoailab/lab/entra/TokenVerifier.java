package io.aoailab.lab.entra;

/**
 * Checks the bearer tokens that reach the lab's services, against the lab's Entra authority: signature (RS256,
 * the authority's key), issuer and tenant, expiry and not-before, and audience.
 */
@FunctionalInterface
public interface TokenVerifier {

    /**
     * @param authorization the request's {@code Authorization} header value, e.g. {@code Bearer eyJ...}
     * @param audience the audience the service accepts, e.g. {@code https://cognitiveservices.azure.com}
     */
    TokenCheck verify(String authorization, String audience);
}
