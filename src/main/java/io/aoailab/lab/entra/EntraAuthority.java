package io.aoailab.lab.entra;

import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.secrets.GeneratedSecrets;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.Topology.Principal;
import io.aoailab.lab.topology.Topology.PrincipalType;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The lab's Entra ID: the authority of the topology's tenant. It serves the Entra v2.0 endpoints a
 * {@code ClientSecretCredential} uses, issues the tokens the lab's services accept, and checks them for those
 * services ({@link TokenVerifier}).
 *
 * <pre>{@code
 * EntraAuthority entra = new EntraAuthority(topology, clock);
 * LabServer login = LabServer.start(EntraAuthority.HOST_NAME, 0, certificates.serverContext(), executor, entra);
 * TokenCredential credential = new ClientSecretCredentialBuilder()
 *         .authorityHost("https://login.microsoftonline.com:" + login.port())  // pinned to loopback
 *         .tenantId(topology.tenant().id())
 *         .clientId(topology.principal("suite-caller").orElseThrow().clientId())
 *         .clientSecret(entra.clientSecret("suite-caller").reveal())
 *         .disableInstanceDiscovery()
 *         .httpClient(factory.azureHttpClient())
 *         .build();
 * }</pre>
 *
 * <h2>Endpoints</h2>
 * Under {@code /{tenant}}, where the tenant is the topology's tenant id or its domain:
 * <ul>
 *   <li>{@code GET /v2.0/.well-known/openid-configuration}: OIDC metadata, URLs built from the request's
 *       {@code Host} (see {@code Discovery});</li>
 *   <li>{@code GET /discovery/v2.0/keys}: the JWKS with the signing key;</li>
 *   <li>{@code POST /oauth2/v2.0/token}: the client-credentials grant with a client secret or, for a principal with
 *       federated credentials, a {@link GitHubIssuer} token as client assertion (see {@code TokenEndpoint},
 *       {@code ClientAssertions}), for the first-party resources in {@code Resources}, answering Entra's token and
 *       error JSON.</li>
 * </ul>
 * Any other tenant, {@code common}, {@code organizations} and {@code consumers} included, is answered as an
 * unknown tenant ({@code 400 invalid_tenant}, AADSTS90002). Entra serves multi-tenant metadata under those
 * aliases, but a client-credentials token must be requested from the app's own tenant, and the lab has one.
 * {@code GET /common/discovery/instance} answers MSAL's instance discovery (see below). Other paths answer 404.
 *
 * <h2>Authority host</h2>
 * The lab serves this authority as {@value #HOST_NAME}, pinned to loopback by its clients ({@code Lab.pinnedHosts()}),
 * on the port its server got; credentials use {@code https://login.microsoftonline.com:PORT} as authority host.
 * Findings with MSAL4J 1.23.1 inside azure-identity 1.18.2 (pinned by {@code EntraAuthorityCredentialTest}):
 * <ul>
 *   <li>An authority host with a port is accepted, and the port is kept in the token endpoint MSAL calls
 *       ({@code https://<host>:<port>/<tenant>/oauth2/v2.0/token}).</li>
 *   <li>With {@code disableInstanceDiscovery()}, the token request is the only request; any host works,
 *       {@code https://127.0.0.1:PORT} included, which is what a standalone lab gives tools that cannot pin names.</li>
 *   <li>Without it, MSAL first validates the authority at
 *       {@code https://login.microsoftonline.com:<authority port>/common/discovery/instance}, for every authority
 *       host. Pinned, that is the lab, which answers as Entra does ({@code InstanceDiscovery}): the pinned name
 *       passes, so the suite's credentials work either way; {@code 127.0.0.1} gets AADSTS50049, as any host Entra
 *       does not know would. Unpinned, the request would go to the real Entra, which is why loopback clients must
 *       disable instance discovery.</li>
 * </ul>
 * So {@value #HOST_NAME} is the name to use: it is the real authority host, it works with and without instance
 * discovery, and the lab's certificate must carry it.
 *
 * <h2>Refusals</h2>
 * Refusals reach azure-identity 1.18.2 callers as MSAL4J's {@code MsalServiceException} (status, OAuth
 * {@code error} as {@code errorCode()}, the AADSTS description as message), not as azure-core's
 * {@code ClientAuthenticationException}: {@code getTokenSync}, which synchronous Azure SDK clients call, wraps it
 * in a {@code RuntimeException} around an {@code ExecutionException}, and {@code getToken} emits it unwrapped.
 *
 * <h2>Keys and secrets</h2>
 * The RSA-2048 signing key is generated on a background thread started by the constructor: generating it with
 * its certificate took 45-270 ms on the 2-CPU build machine, and over a second for the first one in a JVM (class
 * loading), which the lab's start need not wait for; the constructor itself returns in under 5 ms. The first
 * request that signs or verifies waits for it if it is not ready yet. Every service principal gets a random client
 * secret (see {@code ClientSecrets}), held in memory only; no answer, log line or exception message contains one.
 *
 * <h2>Threads</h2>
 * Safe for concurrent use: all state is built in the constructor and read-only afterwards.
 */
public final class EntraAuthority implements TokenVerifier, LabHandler {
    /** The host name the lab serves the authority as; Azure's public-cloud authority host. */
    public static final String HOST_NAME = "login.microsoftonline.com";

    private final Topology topology;
    private final CompletableFuture<SigningKey> signingKey;
    private final ClientSecrets secrets;
    private final AccessTokens tokens;
    private final AccessTokenVerifier verifier;
    private final TokenEndpoint tokenEndpoint;
    private final EntraAnswers answers;

    /** An authority with a registry of its own: for tests of the authority alone. */
    public EntraAuthority(Topology topology, Clock clock) {
        this(topology, clock, new GeneratedSecrets());
    }

    /**
     * An authority that trusts a GitHub-like issuer of its own with GitHub's token lifetime.
     *
     * @param generated the lab's registry: the client secrets are registered there, and the authority's error answers
     *     are kept free of every secret in it
     */
    public EntraAuthority(Topology topology, Clock clock, GeneratedSecrets generated) {
        this(topology, clock, generated, new GitHubIssuer(clock, generated, GitHubIssuer.DEFAULT_LIFETIME));
    }

    /**
     * @param generated the lab's registry: the client secrets are registered there, and the authority's error answers
     *     are kept free of every secret in it
     * @param github the external issuer whose tokens the topology's federated credentials may trust
     */
    public EntraAuthority(Topology topology, Clock clock, GeneratedSecrets generated, GitHubIssuer github) {
        this.topology = topology;
        this.signingKey = CompletableFuture.supplyAsync(() -> SigningKey.generate(clock.instant()),
                EntraAuthority::startKeyThread);
        this.secrets = new ClientSecrets(topology.principals(), generated);
        this.tokens = new AccessTokens(topology.tenant().id(), this::signingKey, clock);
        this.verifier = new AccessTokenVerifier(topology, this::signingKey, clock);
        this.tokenEndpoint = new TokenEndpoint(topology, secrets, new ClientAssertions(github, clock), tokens);
        this.answers = new EntraAnswers(clock, generated);
    }

    /**
     * The client secret of a service principal, for the credential the suite builds for it.
     *
     * @throws IllegalArgumentException if the topology has no service principal of that name
     */
    public LabSecret clientSecret(String principalName) {
        return secrets.of(principalName).orElseThrow(() -> new IllegalArgumentException("'" + principalName
                + "' is not a service principal of the topology; service principals: "
                + names(PrincipalType.ServicePrincipal)));
    }

    /**
     * A token for a managed identity, as the identity endpoint (IMDS) of the host it runs on would give it. The
     * lab's APIM gateway uses it to call the accounts as its system-assigned identity.
     *
     * <p>Any resource gets a token, as in Azure: the resources the lab serves with their canonical audience (e.g.
     * {@code https://cognitiveservices.azure.com}, with or without a trailing slash), any other App ID URI or
     * application id as given (e.g. {@code https://management.azure.com/}); a lab service then refuses a token for
     * another audience with its own 401 (docs/azure-facts.md §8).
     *
     * @throws IllegalArgumentException if the principal is unknown or not a managed identity, or {@code resource} names
     *     no resource (blank, not an absolute URI, not a GUID)
     */
    public IssuedToken issueManagedIdentityToken(String principalName, String resource) {
        Principal principal = topology.principal(principalName)
                .filter(p -> p.type() == PrincipalType.ManagedIdentity)
                .orElseThrow(() -> new IllegalArgumentException("'" + principalName
                        + "' is not a managed identity of the topology; managed identities: "
                        + names(PrincipalType.ManagedIdentity)));
        String audience = Resources.forManagedIdentity(resource).orElseThrow(() -> new IllegalArgumentException("'"
                + resource + "' names no resource: give the App ID URI of the resource the token is for, e.g."
                + " https://cognitiveservices.azure.com, or its application id (a GUID)"));
        return tokens.issue(principal, audience, AccessTokens.CERTIFICATE_AUTHENTICATED);
    }

    /**
     * {@inheritDoc}
     *
     * <p>An {@link TokenCheck.Invalid} reason starts with what failed: {@code missing:}, {@code malformed:},
     * {@code bad signature:}, {@code wrong tenant}, {@code wrong issuer}, {@code expired}, {@code not yet valid},
     * {@code wrong audience} or {@code unknown principal}, then the values compared. No clock skew is allowed; see
     * {@code AccessTokenVerifier}.
     */
    @Override
    public TokenCheck verify(String authorization, String audience) {
        return verifier.verify(authorization, audience);
    }

    @Override
    public void handle(LabExchange exchange) throws IOException {
        String path = exchange.path();
        if (path.equalsIgnoreCase(InstanceDiscovery.PATH) && "GET".equals(exchange.method())) {
            InstanceDiscovery.handle(exchange, answers);
            return;
        }
        int slash = path.indexOf('/', 1);
        if (slash < 0) {
            exchange.respond(404, null, new byte[0]);
            return;
        }
        String tenant = path.substring(1, slash);
        String endpoint = path.substring(slash).toLowerCase(Locale.ROOT);
        boolean known = endpoint.equals(Discovery.METADATA_PATH) || endpoint.equals(Discovery.KEYS_PATH)
                || endpoint.equals(TokenEndpoint.PATH);
        if (!known) {
            exchange.respond(404, null, new byte[0]);
        } else if (!isOurTenant(tenant)) {
            answers.error(exchange, EntraError.tenantNotFound(tenant));
        } else if (endpoint.equals(TokenEndpoint.PATH)) {
            tokenEndpoint.handle(exchange, answers);
        } else if (!"GET".equals(exchange.method()) && !"HEAD".equals(exchange.method())) {
            exchange.responseHeaders().set("Allow", "GET, HEAD");
            exchange.respond(405, null, new byte[0]);
        } else if (endpoint.equals(Discovery.METADATA_PATH)) {
            answers.metadata(exchange, Discovery.openIdConfiguration(Discovery.origin(exchange), topology.tenant().id()));
        } else {
            answers.metadata(exchange, Discovery.keys(signingKey(), topology.tenant().id()));
        }
    }

    /** Signs arbitrary claims with the authority's key, so tests can build tokens a client could not get. */
    String sign(Map<String, Object> claims) {
        return tokens.sign(claims);
    }

    /** The key id ({@code kid}) of the signing key. */
    String keyId() {
        return signingKey().keyId();
    }

    private boolean isOurTenant(String tenant) {
        return tenant.equalsIgnoreCase(topology.tenant().id())
                || Optional.ofNullable(topology.tenant().domain()).filter(tenant::equalsIgnoreCase).isPresent();
    }

    private SigningKey signingKey() {
        try {
            return signingKey.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private String names(PrincipalType type) {
        return topology.principals().stream().filter(p -> p.type() == type).map(Principal::name)
                .collect(Collectors.joining(", "));
    }

    private static void startKeyThread(Runnable generation) {
        Thread thread = new Thread(generation, "lab-entra-signing-key");
        thread.setDaemon(true);
        thread.start();
    }
}
