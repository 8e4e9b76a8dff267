package io.aoailab.lab.entra;

import io.aoailab.lab.http.BodyTooLargeException;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.Topology.Principal;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: the client-credentials grant, the one grant the suite's identities use,
 * with either of the two client credentials they sign in with:
 * <ul>
 *   <li>a client secret ({@code ClientSecretCredential}), in the form ({@code client_secret_post}, what MSAL sends)
 *       or as HTTP Basic ({@code client_secret_basic}); both are in the metadata's
 *       {@code token_endpoint_auth_methods_supported};</li>
 *   <li>a federated assertion ({@code ClientAssertionCredential}): {@code client_assertion_type=}{@value
 *       ClientAssertions#JWT_BEARER} and {@code client_assertion=<jwt>}, a token of an external issuer the app trusts
 *       through a federated credential of the topology, checked by {@link ClientAssertions} (the metadata's
 *       {@code private_key_jwt}).</li>
 * </ul>
 * A request with an assertion is judged by the assertion alone.
 *
 * <p>Checks run in this order: required parameters, then the client and its credential, then the scope.
 * Authenticating the client before judging the scope is the RFC 6749 §5.2 order; whether Entra judges a scope before
 * the credential is [UNCONFIRMED], and only matters for requests that are wrong twice.
 */
final class TokenEndpoint {
    static final String PATH = "/oauth2/v2.0/token";
    /** Form bodies of real token requests are a few hundred bytes; this bounds what a broken client can send. */
    private static final long BODY_LIMIT = 64 * 1024;
    private static final String CLIENT_CREDENTIALS = "client_credentials";
    /**
     * MSAL4J adds these to every request, client credentials included ({@code scope=https://…/.default openid
     * profile offline_access}), and Entra answers with a token for the resource, so they do not count as a second
     * resource. Alone they do not name one: {@code scope=openid} is AADSTS1002012 (ctron/oidc-cli#7).
     */
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access");

    private final Topology topology;
    private final ClientSecrets secrets;
    private final ClientAssertions assertions;
    private final AccessTokens tokens;

    TokenEndpoint(Topology topology, ClientSecrets secrets, ClientAssertions assertions, AccessTokens tokens) {
        this.topology = topology;
        this.secrets = secrets;
        this.assertions = assertions;
        this.tokens = tokens;
    }

    /** What a token request comes to: a token, or Entra's refusal. */
    sealed interface Outcome {
        record Issued(IssuedToken token) implements Outcome {
        }

        record Refused(EntraError error) implements Outcome {
        }
    }

    void handle(LabExchange exchange, EntraAnswers answers) throws IOException {
        if (!"POST".equals(exchange.method())) {
            answers.error(exchange, EntraError.onlyPost(exchange.method()));
            return;
        }
        byte[] body;
        try {
            body = exchange.body(BODY_LIMIT);
        } catch (BodyTooLargeException e) {
            exchange.respond(413, null, new byte[0]);
            return;
        }
        Outcome outcome = grant(form(body), exchange.header("Authorization"));
        if (outcome instanceof Outcome.Issued issued) {
            answers.token(exchange, issued.token());
        } else if (outcome instanceof Outcome.Refused refused) {
            answers.error(exchange, refused.error());
        }
    }

    Outcome grant(Map<String, String> form, Optional<String> authorization) {
        String grantType = form.get("grant_type");
        if (blank(grantType)) {
            return refused(EntraError.missingParameter("grant_type"));
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            return refused(EntraError.unsupportedGrantType(grantType));
        }
        String[] basic = authorization.flatMap(TokenEndpoint::basicCredentials).orElse(new String[2]);
        String clientId = firstNonBlank(form.get("client_id"), basic[0]);
        String clientSecret = firstNonBlank(form.get("client_secret"), basic[1]);
        if (blank(clientId)) {
            return refused(EntraError.missingParameter("client_id"));
        }
        String scope = form.get("scope");
        if (blank(scope)) {
            return refused(EntraError.missingParameter("scope"));
        }
        String tenantId = topology.tenant().id();
        Optional<Principal> principal = topology.principals().stream()
                .filter(p -> p.clientId().equalsIgnoreCase(clientId.strip()))
                .findFirst();
        if (principal.isEmpty()) {
            return refused(EntraError.applicationNotFound(clientId, tenantId));
        }
        String assertion = form.get("client_assertion");
        if (!blank(assertion)) {
            // the type is required with an assertion (RFC 7523 §2.2); Entra's answer to a wrong one is [UNCONFIRMED]
            if (!ClientAssertions.JWT_BEARER.equals(form.get("client_assertion_type"))) {
                return refused(EntraError.missingParameter("client_assertion_type"));
            }
            Optional<EntraError> refusal = assertions.refusal(principal.get(), assertion);
            if (refusal.isPresent()) {
                return refused(refusal.get());
            }
            return issue(principal.get(), scope, tenantId, AccessTokens.CERTIFICATE_AUTHENTICATED);
        }
        if (blank(clientSecret)) {
            return refused(EntraError.missingClientCredential());
        }
        // a managed identity has no secret, so any secret presented for it is wrong, as in Entra
        if (!secrets.matches(principal.get(), clientSecret)) {
            return refused(EntraError.invalidClientSecret(principal.get().clientId()));
        }
        return issue(principal.get(), scope, tenantId, AccessTokens.SECRET_AUTHENTICATED);
    }

    /**
     * A token for the one resource {@code scope} names, for an authenticated client.
     *
     * @param appIdAcr how the client authenticated: {@code 1} a secret, {@code 2} a certificate (see
     *     {@link AccessTokens}); a federated assertion is signed by a key, so the lab gives it 2 as well
     *     [UNCONFIRMED what Entra writes for it]
     */
    private Outcome issue(Principal principal, String scope, String tenantId, String appIdAcr) {
        String requested = scope.strip();
        List<String> resourceScopes = Arrays.stream(requested.split("\\s+"))
                .filter(s -> !OIDC_SCOPES.contains(s.toLowerCase(Locale.ROOT)))
                .toList();
        if (resourceScopes.size() > 1) {
            return refused(EntraError.invalidScope(requested));
        }
        Optional<String> resource = resourceScopes.stream().findFirst().flatMap(Resources::ofDefaultScope);
        if (resource.isEmpty()) {
            return refused(EntraError.scopeWithoutDefault(requested));
        }
        return Resources.find(resource.get())
                .<Outcome>map(r -> new Outcome.Issued(tokens.issue(principal, r, appIdAcr)))
                .orElseGet(() -> refused(EntraError.resourceNotFound(resource.get(), tenantId)));
    }

    /** An {@code application/x-www-form-urlencoded} body; the first of repeated names wins. */
    static Map<String, String> form(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            form.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return form;
    }

    /** RFC 6749 §2.3.1: Basic with the form-urlencoded client id and secret. */
    private static Optional<String[]> basicCredentials(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1))});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a stray '%' is the client's problem; keep the raw text so the parameter still counts as sent
            return value;
        }
    }

    private static Outcome refused(EntraError error) {
        return new Outcome.Refused(error);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String firstNonBlank(String first, String second) {
        return blank(first) ? second : first;
    }
}
