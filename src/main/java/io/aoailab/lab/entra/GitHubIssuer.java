package io.aoailab.lab.entra;

import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.secrets.GeneratedSecrets;
import io.aoailab.lab.secrets.LabSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lab's GitHub Actions OIDC provider: what a workflow job with {@code permissions: id-token: write} asks for a
 * token, and what Entra checks a federated assertion's signature against. The suite's default caller signs in with
 * these tokens through azure-identity's {@code ClientAssertionCredential}, as it does in a nightly GitHub run
 * (docs/azure-facts.md §9).
 *
 * <h2>Endpoints</h2>
 * Served as {@value #HOST_NAME}, pinned to loopback by the lab's clients:
 * <ul>
 *   <li>{@code GET /.well-known/openid-configuration} and {@code GET /.well-known/jwks}: GitHub's metadata and key
 *       set, with GitHub's member names;</li>
 *   <li>{@code GET} {@link #requestPath()} with {@code Authorization: Bearer <request token>} and an optional
 *       {@code audience} query parameter: {@code {"value":"<jwt>"}}. A runner's {@code ACTIONS_ID_TOKEN_REQUEST_URL}
 *       already has a query string ({@code ?api-version=2.0}), so clients append {@code &audience=…}. GitHub serves
 *       this from another host than the issuer's; the lab serves both from one.</li>
 * </ul>
 *
 * <h2>Tokens</h2>
 * RS256 JWTs with GitHub's header ({@code typ}, {@code alg}, {@code x5t}, {@code kid}) and claims: {@code iss}
 * {@value #ISSUER} (GitHub's own issuer, which names the provider, not the lab's port: the lab's Entra checks the
 * signature in process, it fetches nothing), {@code sub} {@value #SUBJECT}, {@code aud} the requested audience (the
 * repository owner's URL without one, as GitHub does), a fresh {@code jti}, {@code iat} now, {@code exp} after the
 * lifetime (GitHub's are 5 minutes) and {@code nbf} 10 minutes back, as GitHub's documented sample token has it.
 * Every issued token is recorded ({@link #issued()}), its value never.
 *
 * <h2>Threads</h2>
 * Safe for concurrent use. The RSA key is generated when first needed, not when the lab starts: most labs never
 * hand out a GitHub token, and a second key generation beside the authority's would slow every lab's start
 * (README, Performance); the first token request or key-set fetch waits for it (50-300 ms, about 1 s cold).
 */
public final class GitHubIssuer implements LabHandler {
    /** GitHub's OIDC issuer host, which the lab serves on loopback. */
    public static final String HOST_NAME = "token.actions.githubusercontent.com";
    /** GitHub's issuer: what the tokens carry as {@code iss} and a federated credential names. */
    public static final String ISSUER = "https://token.actions.githubusercontent.com";
    /** The job the lab's tokens speak for: the suite's {@code main} branch, GitHub's subject format for a branch. */
    public static final String SUBJECT = "repo:aoai-lab/aoai-lab-suite:ref:refs/heads/main";
    /** How long a token is valid after it was issued: GitHub's are 5 minutes (docs/azure-facts.md §9). */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /** The audience Entra's workload identity federation expects, which the suite asks for. */
    public static final String ENTRA_AUDIENCE = "api://AzureADTokenExchange";

    static final String METADATA_PATH = "/.well-known/openid-configuration";
    static final String KEYS_PATH = "/.well-known/jwks";
    private static final Duration BACKDATING = Duration.ofMinutes(10);
    private static final String REPOSITORY = "aoai-lab/aoai-lab-suite";
    private static final String OWNER = "aoai-lab";
    private static final int RECORDED = 1_000;

    private final Clock clock;
    private final Duration lifetime;
    private final LabSecret requestToken;
    private final String requestPath;
    private final String commit;
    private final Object keyLock = new Object();
    private volatile SigningKey key;
    private final Deque<IssuedAssertion> issued = new ArrayDeque<>();

    /**
     * @param generated the lab's registry: the request token is registered there, so the lab's answers and whoever
     *     embeds the lab keep it out of what they print
     * @param lifetime how long each token is valid after it is issued; GitHub's is {@link #DEFAULT_LIFETIME}
     */
    public GitHubIssuer(Clock clock, GeneratedSecrets generated, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a GitHub token lifetime must be positive, not " + lifetime);
        }
        this.clock = clock;
        this.lifetime = lifetime;
        SecureRandom random = new SecureRandom();
        this.requestToken = generated.register(LabSecret.of(randomBase64Url(random, 32)));
        // the shape of a runner's ACTIONS_ID_TOKEN_REQUEST_URL: a plan, a job, and the api-version query
        this.requestPath = "/_apis/distributedtask/hubs/Actions/plans/" + UUID.randomUUID() + "/jobs/"
                + UUID.randomUUID() + "/idtoken";
        byte[] sha = new byte[20];
        random.nextBytes(sha);
        this.commit = HexFormat.of().formatHex(sha);
    }

    /** The bearer token a job presents with its token requests ({@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}). */
    public LabSecret requestToken() {
        return requestToken;
    }

    /** The path and query of the token request URL ({@code ACTIONS_ID_TOKEN_REQUEST_URL} without its origin). */
    public String requestPath() {
        return requestPath + "?api-version=2.0";
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The tokens issued so far (the last {@value #RECORDED}), oldest first: claims only, never a token. */
    public List<IssuedAssertion> issued() {
        synchronized (issued) {
            return List.copyOf(issued);
        }
    }

    @Override
    public void handle(LabExchange exchange) throws IOException {
        String path = exchange.path();
        if (path.equals(requestPath)) {
            tokenRequest(exchange);
        } else if (path.equalsIgnoreCase(METADATA_PATH) || path.equalsIgnoreCase(KEYS_PATH)) {
            if (!"GET".equals(exchange.method()) && !"HEAD".equals(exchange.method())) {
                exchange.responseHeaders().set("Allow", "GET, HEAD");
                exchange.respond(405, null, new byte[0]);
            } else {
                exchange.json(200, path.equalsIgnoreCase(METADATA_PATH) ? metadata() : keys());
            }
        } else {
            exchange.respond(404, null, new byte[0]);
        }
    }

    /** Issues a token for {@code audience} as a token request does, and records it. */
    String issue(String audience) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(lifetime);
        Instant notBefore = now.minus(BACKDATING);
        String jti = UUID.randomUUID().toString();
        // member order of GitHub's documented sample token
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", jti);
        claims.put("sub", SUBJECT);
        claims.put("aud", audience);
        claims.put("ref", "refs/heads/main");
        claims.put("sha", commit);
        claims.put("repository", REPOSITORY);
        claims.put("repository_owner", OWNER);
        claims.put("actor_id", "1");
        claims.put("repository_visibility", "private");
        claims.put("repository_id", "1");
        claims.put("repository_owner_id", "1");
        claims.put("run_id", "1");
        claims.put("run_number", "1");
        claims.put("run_attempt", "1");
        claims.put("runner_environment", "github-hosted");
        claims.put("actor", "aoai-lab-bot");
        claims.put("workflow", "Nightly validation (live)");
        claims.put("head_ref", "");
        claims.put("base_ref", "");
        claims.put("event_name", "schedule");
        claims.put("ref_type", "branch");
        claims.put("job_workflow_ref", REPOSITORY + "/.github/workflows/nightly.yml@refs/heads/main");
        claims.put("iss", ISSUER);
        claims.put("nbf", notBefore.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        String token = signingKey().sign(claims);
        synchronized (issued) {
            issued.addLast(new IssuedAssertion(jti, SUBJECT, audience, now, notBefore, expires));
            if (issued.size() > RECORDED) {
                issued.removeFirst();
            }
        }
        return token;
    }

    /** Signs arbitrary claims with the issuer's key, so tests can build assertions a job could not get. */
    String sign(Map<String, Object> claims) {
        return signingKey().sign(claims);
    }

    /** The key id ({@code kid}) of the signing key. */
    String keyId() {
        return signingKey().keyId();
    }

    /** The issuer's key with this {@code kid}, as a verifier finds it in the JWKS. */
    Optional<SigningKey> key(String kid) {
        SigningKey current = signingKey();
        return current.keyId().equals(kid) ? Optional.of(current) : Optional.empty();
    }

    private void tokenRequest(LabExchange exchange) throws IOException {
        if (!"GET".equals(exchange.method())) {
            exchange.responseHeaders().set("Allow", "GET");
            exchange.respond(405, null, new byte[0]);
            return;
        }
        // GitHub's exact refusal body is not documented; the lab answers 401 with a message that names no secret
        if (!presentsRequestToken(exchange.header("Authorization").orElse(""))) {
            exchange.json(401, Map.of("message", "The request token is missing or invalid. A job gets one in"
                    + " ACTIONS_ID_TOKEN_REQUEST_TOKEN when its workflow grants permissions: id-token: write."));
            return;
        }
        // without an audience GitHub's default is the URL of the repository owner (docs.github.com, OIDC reference)
        String audience = exchange.query("audience").filter(a -> !a.isBlank()).orElse("https://github.com/" + OWNER);
        exchange.responseHeaders().set("Cache-Control", "no-store");
        exchange.json(200, Map.of("value", issue(audience)));
    }

    private boolean presentsRequestToken(String authorization) {
        String[] parts = authorization.strip().split("\\s+", 2);
        return parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("bearer") && MessageDigest.isEqual(
                parts[1].strip().getBytes(StandardCharsets.UTF_8),
                requestToken.reveal().getBytes(StandardCharsets.UTF_8));
    }

    // GitHub's metadata, as fetched from token.actions.githubusercontent.com (docs/azure-facts.md §9)
    private static Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", ISSUER);
        metadata.put("jwks_uri", ISSUER + KEYS_PATH);
        metadata.put("subject_types_supported", List.of("public", "pairwise"));
        metadata.put("response_types_supported", List.of("id_token"));
        metadata.put("claims_supported", List.of("sub", "aud", "exp", "iat", "iss", "jti", "nbf", "ref", "repository",
                "repository_id", "repository_owner", "repository_owner_id", "run_id", "run_number", "run_attempt",
                "actor", "actor_id", "workflow", "workflow_ref", "workflow_sha", "head_ref", "base_ref", "event_name",
                "ref_type", "environment", "environment_node_id", "job_workflow_ref", "job_workflow_sha",
                "repository_visibility", "runner_environment"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("scopes_supported", List.of("openid"));
        return metadata;
    }

    private Map<String, Object> keys() {
        Map<String, Object> jwk = signingKey().rsaJwk();
        jwk.put("alg", "RS256");
        return Map.of("keys", List.of(jwk));
    }

    private SigningKey signingKey() {
        SigningKey current = key;
        if (current == null) {
            synchronized (keyLock) {
                current = key;
                if (current == null) {
                    current = SigningKey.generate(clock.instant(), "CN=" + HOST_NAME);
                    key = current;
                }
            }
        }
        return current;
    }

    private static String randomBase64Url(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /**
     * A token the issuer gave out: its claims, not the token.
     *
     * @param jti its unique id
     * @param subject its {@code sub}
     * @param audience its {@code aud}
     * @param issuedAt its {@code iat}
     * @param notBefore its {@code nbf}
     * @param expiresAt its {@code exp}: Entra refuses it from then on (AADSTS700024)
     */
    public record IssuedAssertion(String jti, String subject, String audience, Instant issuedAt, Instant notBefore,
            Instant expiresAt) {
    }
}
