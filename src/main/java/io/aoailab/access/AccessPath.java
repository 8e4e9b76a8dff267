package io.aoailab.access;

import com.azure.ai.openai.responses.AzureResponsesServiceVersion;
import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.core.credential.KeyCredential;
import com.azure.core.credential.SimpleTokenCache;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.credential.BearerTokenCredential;
import io.aoailab.config.Client;
import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.config.IntendedDeployment;
import io.aoailab.config.Secret;
import io.aoailab.report.Redactor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One way into the Responses API with one client library, as the scenarios inject it: the client configured for that
 * way in, every call it made, and what the intended deployment says each answer must show. Each way in runs with
 * each configured {@link Client}: azure-ai-openai on {@code /openai/responses?api-version=…}, openai-java 4.x on
 * {@code /openai/v1/responses} (docs/azure-facts.md §8).
 *
 * <ul>
 *   <li>{@code direct(<region>)}: an account's endpoint, Entra token for
 *       {@code https://cognitiveservices.azure.com/.default} (docs/azure-facts.md §3.1);</li>
 *   <li>{@code apim}: the gateway, the subscription key in {@code api-key}; the gateway authenticates to the
 *       accounts itself (docs/apim-gateway.md §4);</li>
 *   <li>{@code foundry(<connection>)}: one of the Foundry project's Azure OpenAI connections, resolved on first use
 *       by azure-ai-projects' own {@code ConnectionsClient} the way {@code InferenceClient.getOpenAIClient()} does,
 *       and its target called with the connection's credential (see {@link FoundryConnection});</li>
 *   <li>{@code project}: the Foundry project's own {@code /openai/v1} surface, Entra token for
 *       {@code https://ai.azure.com/.default}, openai-java only (it takes no dated api-version).</li>
 * </ul>
 * Client-side retries are off: a scenario sees what the deployment answered, not what the SDK made of it.
 *
 * <pre>{@code
 * Call<Reply> call = path.call(api -> api.create(Ask.of(deployment, "Hello")));
 * }</pre>
 * Every answer of every call is held to the intended deployment (its region, its model); see {@link #call}.
 */
public final class AccessPath {
    /** The scope direct calls request, as azure-ai-openai beta.16's builder does. */
    public static final String OPENAI_SCOPE = "https://cognitiveservices.azure.com/.default";

    /** The scope of the Foundry project's own surface. */
    public static final String PROJECT_SCOPE = "https://ai.azure.com/.default";

    /** The Azure SDK clients' retry setting: none, so a refusal is the service's first answer. */
    static final RetryOptions NO_RETRIES = new RetryOptions(new FixedDelayOptions(0, Duration.ZERO));

    private final Way way;
    // the way in, without the client: e.g. "apim" and "through APIM"
    private final String wayName;
    private final String wayDescription;
    private final Client client;
    private final Supplier<Binding> binding;
    private final CallCapture capture;
    private final Function<String, AccessPath> atApiVersion;
    // asked before every call: a reason it gives is thrown instead of calling (see guardedBy)
    private final Supplier<Optional<Throwable>> precondition;

    /**
     * How every access path is built: the HTTP client under its SDK, the dated api-version, the clock of its
     * records, the run's redactor, and the intended deployment its answers are held to.
     */
    public record Settings(HttpClient http, String apiVersion, Clock clock, Redactor redactor,
            IntendedDeployment intended) {

        Settings withApiVersion(String version) {
            return new Settings(http, version, clock, redactor, intended);
        }
    }

    /**
     * Where a path's client points once known.
     *
     * @param endpoint the URL the client calls (for foundry: the connection's target)
     * @param api the client
     * @param expectedRegion the region the configuration expects to answer there; empty when any intended region may
     */
    record Binding(URI endpoint, ResponsesApi api, Optional<String> expectedRegion) {
    }

    /** How a client proves who it is: a bearer token for a scope, or a key in {@code api-key}. */
    private sealed interface Auth {
        record Bearer(TokenCredential credential, String scope) implements Auth {
        }

        record ApiKey(Secret key) implements Auth {
        }
    }

    private AccessPath(Way way, String wayName, String wayDescription, Client client, Supplier<Binding> binding,
            CallCapture capture, Function<String, AccessPath> atApiVersion) {
        this(way, wayName, wayDescription, client, binding, capture, atApiVersion, Optional::empty);
    }

    private AccessPath(Way way, String wayName, String wayDescription, Client client, Supplier<Binding> binding,
            CallCapture capture, Function<String, AccessPath> atApiVersion,
            Supplier<Optional<Throwable>> precondition) {
        this.precondition = precondition;
        this.way = way;
        this.wayName = wayName;
        this.wayDescription = wayDescription;
        this.client = client;
        this.binding = binding;
        this.capture = capture;
        this.atApiVersion = atApiVersion;
    }

    private static CallCapture capture(String name, Client client, Settings settings) {
        return new CallCapture(name + "[" + client.configName() + "]", settings.clock(), settings.redactor());
    }

    /** An account's own endpoint, in the region the configuration expects there. */
    public static AccessPath direct(String region, URI endpoint, TokenCredential credential, Client client,
            Settings settings) {
        String name = "direct(" + region + ")";
        String description = "directly to " + region;
        CallCapture capture = capture(name, client, settings);
        capture.expect(expectation(description + " with " + client.configName(), List.of(region),
                CallCapture.AZURE_REGION_HEADER, settings.intended()));
        Binding bound = new Binding(endpoint, api(client, endpoint, new Auth.Bearer(credential, OPENAI_SCOPE), settings,
                capture), Optional.of(region));
        return new AccessPath(Way.DIRECT, name, description, client, () -> bound, capture,
                version -> direct(region, endpoint, credential, client, settings.withApiVersion(version)));
    }

    /**
     * An account's own endpoint called with one of its keys ({@code api-key}) instead of a token: how an application
     * that was handed the key calls, and what an account with local auth disabled must refuse.
     */
    public static AccessPath directWithKey(String region, URI endpoint, Secret accountKey, Client client,
            Settings settings) {
        String name = "direct-key(" + region + ")";
        CallCapture capture = capture(name, client, settings);
        Binding bound = new Binding(endpoint, api(client, endpoint, new Auth.ApiKey(accountKey), settings, capture),
                Optional.of(region));
        return new AccessPath(Way.DIRECT, name, "directly to " + region + " with an account key", client, () -> bound,
                capture, version -> directWithKey(region, endpoint, accountKey, client, settings.withApiVersion(version)));
    }

    /** The APIM gateway, with a subscription key: any intended region may answer. */
    public static AccessPath apim(URI gateway, Secret subscriptionKey, Client client, Settings settings) {
        CallCapture capture = new CallCapture("apim[" + client.configName() + "]",
                settings.intended().pool().regionHeader(), settings.clock(), settings.redactor());
        capture.expect(expectation("through APIM with " + client.configName(), settings.intended().regionNames(),
                settings.intended().pool().regionHeader(), settings.intended()));
        Binding bound = new Binding(gateway, api(client, gateway, new Auth.ApiKey(subscriptionKey), settings, capture),
                Optional.empty());
        return new AccessPath(Way.APIM, "apim", "through APIM", client, () -> bound, capture,
                version -> apim(gateway, subscriptionKey, client, settings.withApiVersion(version)));
    }

    /**
     * One of the Foundry project's Azure OpenAI connections. Nothing is called until a scenario first uses it, so a
     * project without a usable connection fails the cases that use the path, each with the reason, rather than the
     * whole run.
     *
     * @param connection the connection to resolve
     * @param intendedRegion the region the configuration says the connection is meant to reach; empty: whichever
     *        configured endpoint it targets
     * @param endpoints the configured Azure OpenAI endpoints with the region expected at each: a connection must
     *        target one of them
     */
    public static AccessPath foundry(URI project, String connection, Optional<String> intendedRegion,
            List<ExpectedEndpoint> endpoints, TokenCredential credential, Client client, Settings settings) {
        String name = "foundry(" + connection + ")";
        CallCapture capture = capture(name, client, settings);
        return foundry(name, new FoundryConnection(project, connection, credential, settings.http(), capture,
                settings.redactor()), intendedRegion, endpoints, credential, client, settings, capture);
    }

    // another api-version reuses the connection: the project is asked once per run, not once per variant of a path
    private static AccessPath foundry(String name, FoundryConnection connection, Optional<String> intendedRegion,
            List<ExpectedEndpoint> endpoints, TokenCredential credential, Client client, Settings settings,
            CallCapture capture) {
        String description = "through Foundry connection " + connection.name();
        Supplier<Binding> binding = memoized(() -> {
            FoundryConnection.Resolved resolved = connection.resolve();
            String region = resolved.expectedRegionAmong(endpoints, intendedRegion);
            capture.expect(expectation(description + " with " + client.configName(), List.of(region),
                    CallCapture.AZURE_REGION_HEADER, settings.intended()));
            Auth auth = resolved.apiKey().<Auth>map(Auth.ApiKey::new)
                    .orElseGet(() -> new Auth.Bearer(credential, OPENAI_SCOPE));
            return new Binding(resolved.target(), api(client, resolved.target(), auth, settings, capture),
                    Optional.of(region));
        });
        return new AccessPath(Way.FOUNDRY_CONNECTION, name, description, client, binding, capture,
                version -> foundry(name, connection,
                intendedRegion, endpoints, credential, client, settings.withApiVersion(version),
                capture(name, client, settings)));
    }

    /**
     * The Foundry project's own {@code /openai/v1} surface ({@code <project>/openai/v1/responses}), with a token for
     * {@code https://ai.azure.com}: its AIServices account answers with its own deployments, not a connection's. The
     * v1 surface takes no dated api-version, so only openai-java calls it.
     *
     * @param region the region the configuration says the project answers from; empty: any it names
     */
    public static AccessPath project(URI project, TokenCredential credential, Optional<String> region,
            Settings settings) {
        Client client = Client.OPENAI_JAVA;
        CallCapture capture = capture("project", client, settings);
        capture.expect(expectation("through the Foundry project with openai-java", region.map(List::of)
                .orElse(List.of()), CallCapture.AZURE_REGION_HEADER, settings.intended()));
        Binding bound = new Binding(project, api(client, project, new Auth.Bearer(credential, PROJECT_SCOPE), settings,
                capture), region);
        return new AccessPath(Way.FOUNDRY_PROJECT, "project", "through the Foundry project", client, () -> bound,
                capture,
                version -> project(project, credential, region, settings));
    }

    /**
     * A way in that cannot be used: every call through it throws what {@code reason} gives, e.g. a Foundry project
     * whose connections could not be listed.
     */
    public static AccessPath unusable(String name, String description, Way way, Client client,
            Supplier<Throwable> reason, Settings settings) {
        // the reason as a precondition, so it is thrown as it is, never taken for the deployment's refusal
        return new AccessPath(way, name, description, client, throwing(reason), capture(name, client, settings),
                version -> unusable(name, description, way, client, reason, settings), () -> Optional.of(reason.get()));
    }

    /**
     * This path, named and described as it is, asking {@code precondition} before every call: a reason it gives is
     * thrown instead of calling, e.g. when the deployment refuses the path's dated api-version. The precondition is
     * asked outside the operation, so what it calls itself is not among the operation's records.
     */
    public AccessPath guardedBy(Supplier<Optional<Throwable>> precondition) {
        return new AccessPath(way, wayName, wayDescription, client, binding, capture,
                version -> atApiVersion.apply(version).guardedBy(precondition), precondition);
    }

    private static Supplier<Binding> throwing(Supplier<Throwable> reason) {
        return () -> {
            throw AccessPath.<RuntimeException>sneaky(reason.get());
        };
    }

    // the reason may be an AssertionError (a failure) or a TestAbortedException (not run): thrown as it is
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable reason) throws E {
        throw (E) reason;
    }

    /**
     * A configured Azure OpenAI endpoint and the region the configuration expects to answer there.
     *
     * @param key the configuration key that names the endpoint, e.g. {@code OPENAI_ENDPOINT_1}
     */
    public record ExpectedEndpoint(String key, URI endpoint, String region) {
    }

    private static AnswerExpectation expectation(String path, List<String> regions, String regionHeader,
            IntendedDeployment intended) {
        return new AnswerExpectation(path, regions, regionHeader, intended.model(), intended::servesModel);
    }

    // resolved once it succeeds; a failure is thrown again, freshly, to every case that asks
    static <T> Supplier<T> memoized(Supplier<T> resolve) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = resolve.get();
                }
                return value;
            }
        };
    }

    /** The client of a way in: the endpoint without its trailing '/', which both SDKs would double. */
    private static ResponsesApi api(Client client, URI endpoint, Auth auth, Settings settings, CallCapture capture) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return switch (client) {
            case AZURE_AI_OPENAI -> azureAiOpenAi(base, auth, settings, capture);
            case OPENAI_JAVA -> openAiJava(base, auth, settings, capture);
        };
    }

    // beta.16 sends /openai/responses?api-version=<its newest, 2025-03-01-preview>; the configured version replaces it,
    // so a deployment that retired that preview can still be called with a current one
    private static ResponsesApi azureAiOpenAi(String base, Auth auth, Settings settings, CallCapture capture) {
        ResponsesClientBuilder builder = new ResponsesClientBuilder().endpoint(base).httpClient(settings.http())
                .serviceVersion(AzureResponsesServiceVersion.getLatest())
                .addPolicy(new ApiVersionOverride(settings::apiVersion)).addPolicy(capture)
                .retryOptions(NO_RETRIES);
        if (auth instanceof Auth.Bearer bearer) {
            builder.credential(bearer.credential());
        } else if (auth instanceof Auth.ApiKey key) {
            builder.credential(new KeyCredential(key.key().reveal()));
        }
        return new AzureOpenAiResponses(builder.buildClient());
    }

    // as Microsoft's current Java samples build it: base URL ending in /openai/v1, the path mode set explicitly (in
    // AUTO, openai-java treats a host it does not know, such as a standalone lab's, as OpenAI's), no retries
    private static ResponsesApi openAiJava(String base, Auth auth, Settings settings, CallCapture capture) {
        ClientOptions.Builder options = ClientOptions.builder()
                .httpClient(new OpenAiJavaTransport(settings.http(), capture))
                .baseUrl(base + "/openai/v1").azureUrlPathMode(AzureUrlPathMode.UNIFIED).maxRetries(0);
        if (auth instanceof Auth.Bearer bearer) {
            // the token comes straight from the credential, cached until near its expiry (azure-identity's own
            // supplier sends a dummy request to www.example.com through a client of its own to get it)
            SimpleTokenCache tokens = new SimpleTokenCache(() -> bearer.credential().getToken(
                    new TokenRequestContext().addScopes(bearer.scope())));
            options.credential(BearerTokenCredential.create(() -> tokens.getToken().block().getToken()));
        } else if (auth instanceof Auth.ApiKey key) {
            options.credential(AzureApiKeyCredential.create(key.key().reveal()));
        }
        return new OpenAiJavaResponses(new OpenAIClientImpl(options.build()));
    }

    /**
     * Performs one operation through this path's client and returns what it gave, or how the deployment refused it,
     * with the records of the HTTP calls it made on this thread. Every successful Responses answer among them is
     * held to the intended deployment: an answer from a region the path is not meant to reach, without a region, or
     * from another model fails the call with an {@link AssertionError} saying so, whatever the scenario checks next.
     */
    public <T> Call<T> call(Function<ResponsesApi, T> operation) {
        precondition.get().ifPresent(reason -> {
            throw AccessPath.<RuntimeException>sneaky(reason);
        });
        T value = null;
        RuntimeException refused = null;
        List<CallRecord> made;
        try (CallLedger own = CallLedger.open()) {
            try {
                // a Foundry path looks its connection up on first use: that call is this operation's too
                value = operation.apply(binding.get().api());
            } catch (RuntimeException e) {
                refused = e;
            } finally {
                made = own.calls();
            }
        }
        for (CallRecord record : made) {
            Optional<String> violation = record.violation();
            if (violation.isPresent()) {
                throw new AssertionError(violation.get());
            }
        }
        return new Call<>(description(), value, refused == null ? null : failure(refused, made), made);
    }

    private Failure failure(RuntimeException refused, List<CallRecord> made) {
        if (made.isEmpty()) {
            return new Failure(0, Optional.empty(), capture.redact(String.valueOf(refused.getMessage())),
                    Optional.empty());
        }
        CallRecord last = made.get(made.size() - 1);
        String message = last.body().errorMessage().orElseGet(() -> String.valueOf(refused.getMessage()));
        return new Failure(last.status(), last.body().errorCode(), capture.redact(message), last.region());
    }

    /**
     * The same way in, sending another dated api-version: for the cases that check how a wrong one is refused. Only
     * a client with a dated api-version has one to change.
     */
    public AccessPath withApiVersion(String apiVersion) {
        if (client != Client.AZURE_AI_OPENAI) {
            throw new IllegalStateException(description() + " calls the v1 surface, which takes no dated api-version");
        }
        return atApiVersion.apply(apiVersion);
    }

    /** How this path reaches the deployment. */
    public Way way() {
        return way;
    }

    /** The client library of this path. */
    public Client client() {
        return client;
    }

    /** The path's short name, as records use it, e.g. {@code apim[openai-java]} or {@code direct(East US)[azure-ai-openai]}. */
    public String name() {
        return wayName + "[" + client.configName() + "]";
    }

    /** The path as a sentence begins with it, e.g. "through APIM with openai-java". */
    public String description() {
        return wayDescription + " with " + client.configName();
    }

    /** The URL this path's client calls; for foundry, the connection's target (resolving it if not yet done). */
    public URI endpoint() {
        return binding.get().endpoint();
    }

    /**
     * The region the configuration expects to answer on this path: a direct path's own, the region of the endpoint
     * the Foundry connection targets; empty for APIM, where any intended region may answer.
     */
    public Optional<String> expectedRegion() {
        return binding.get().expectedRegion();
    }

    /** Every call this path's client made, oldest first (the latest {@value CallCapture#CAPACITY}). */
    public List<CallRecord> calls() {
        return new ArrayList<>(capture.calls());
    }

    @Override
    public String toString() {
        return name();
    }
}
