package io.aoailab.access;

import com.azure.ai.openai.responses.AzureResponsesServiceVersion;
import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.core.credential.KeyCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.config.IntendedDeployment;
import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.config.Secret;
import io.aoailab.report.Redactor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One way into the Responses API, as the scenarios inject it: a client configured for that way in, every call it
 * made, and what the intended deployment says each answer must show.
 *
 * <ul>
 *   <li>{@code direct(<region>)}: an account's endpoint, Entra token for
 *       {@code https://cognitiveservices.azure.com/.default} (docs/azure-facts.md §3.1);</li>
 *   <li>{@code apim}: the gateway, the subscription key in {@code api-key}; the gateway authenticates to the
 *       accounts itself (docs/apim-gateway.md §4);</li>
 *   <li>{@code foundry(<connection>)}: one of the Foundry project's Azure OpenAI connections, resolved on first use
 *       by azure-ai-projects' own {@code ConnectionsClient} the way {@code InferenceClient.getOpenAIClient()} does,
 *       and its target called with the connection's credential (see {@link FoundryConnection}).</li>
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

    private final String name;
    private final String description;
    private final Supplier<Binding> binding;
    private final CallCapture capture;
    private final Function<String, AccessPath> atApiVersion;

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

    private AccessPath(String name, String description, Supplier<Binding> binding, CallCapture capture,
            Function<String, AccessPath> atApiVersion) {
        this.name = name;
        this.description = description;
        this.binding = binding;
        this.capture = capture;
        this.atApiVersion = atApiVersion;
    }

    /** An account's own endpoint, in the region the configuration expects there. */
    public static AccessPath direct(String region, URI endpoint, TokenCredential credential, Settings settings) {
        String name = "direct(" + region + ")";
        CallCapture capture = new CallCapture(name, settings.clock(), settings.redactor());
        String description = "directly to " + region;
        capture.expect(expectation(description, List.of(region), settings.intended()));
        Binding bound = new Binding(endpoint, new AzureOpenAiResponses(builder(endpoint, settings, capture)
                .credential(credential).buildClient()), Optional.of(region));
        return new AccessPath(name, description, () -> bound, capture,
                version -> direct(region, endpoint, credential, settings.withApiVersion(version)));
    }

    /** The APIM gateway, with a subscription key: any intended region may answer. */
    public static AccessPath apim(URI gateway, Secret subscriptionKey, Settings settings) {
        CallCapture capture = new CallCapture("apim", settings.clock(), settings.redactor());
        capture.expect(expectation("through APIM", settings.intended().regions().stream()
                .map(IntendedRegion::displayName).toList(), settings.intended()));
        Binding bound = new Binding(gateway, new AzureOpenAiResponses(builder(gateway, settings, capture)
                .credential(new KeyCredential(subscriptionKey.reveal())).buildClient()), Optional.empty());
        return new AccessPath("apim", "through APIM", () -> bound, capture,
                version -> apim(gateway, subscriptionKey, settings.withApiVersion(version)));
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
            List<ExpectedEndpoint> endpoints, TokenCredential credential, Settings settings) {
        String name = "foundry(" + connection + ")";
        CallCapture capture = new CallCapture(name, settings.clock(), settings.redactor());
        return foundry(name, new FoundryConnection(project, connection, credential, settings.http(), capture,
                settings.redactor()), intendedRegion, endpoints, credential, settings, capture);
    }

    // another api-version reuses the connection: the project is asked once per run, not once per variant of a path
    private static AccessPath foundry(String name, FoundryConnection connection, Optional<String> intendedRegion,
            List<ExpectedEndpoint> endpoints, TokenCredential credential, Settings settings, CallCapture capture) {
        Supplier<Binding> binding = memoized(() -> {
            FoundryConnection.Resolved resolved = connection.resolve();
            String region = resolved.expectedRegionAmong(endpoints, intendedRegion);
            capture.expect(expectation("through Foundry connection " + connection.name(), List.of(region),
                    settings.intended()));
            ResponsesClientBuilder builder = builder(resolved.target(), settings, capture);
            resolved.apiKey().ifPresentOrElse(key -> builder.credential(new KeyCredential(key.reveal())),
                    () -> builder.credential(credential));
            return new Binding(resolved.target(), new AzureOpenAiResponses(builder.buildClient()), Optional.of(region));
        });
        return new AccessPath(name, "through Foundry connection " + connection.name(), binding, capture,
                version -> foundry(name, connection, intendedRegion, endpoints, credential,
                        settings.withApiVersion(version),
                        new CallCapture(name, settings.clock(), settings.redactor())));
    }

    /**
     * A path that cannot be built: every call through it fails with the reason, e.g. a Foundry project whose
     * connections could not be listed.
     */
    public static AccessPath unusable(String name, String description, Supplier<AssertionError> reason,
            Settings settings) {
        return new AccessPath(name, description, () -> {
            throw reason.get();
        }, new CallCapture(name, settings.clock(), settings.redactor()), version -> unusable(name, description, reason,
                settings));
    }

    /**
     * A configured Azure OpenAI endpoint and the region the configuration expects to answer there.
     *
     * @param key the configuration key that names the endpoint, e.g. {@code OPENAI_ENDPOINT_1}
     */
    public record ExpectedEndpoint(String key, URI endpoint, String region) {
    }

    private static AnswerExpectation expectation(String path, List<String> regions, IntendedDeployment intended) {
        return new AnswerExpectation(path, regions, intended.model(), intended::servesModel);
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

    private static ResponsesClientBuilder builder(URI endpoint, Settings settings, CallCapture capture) {
        // the SDK appends /openai/...: an endpoint copied from the portal ends in '/', which would double it
        String base = endpoint.toString().replaceAll("/+$", "");
        return new ResponsesClientBuilder().endpoint(base).httpClient(settings.http())
                .serviceVersion(serviceVersion(settings.apiVersion())).addPolicy(capture)
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
    }

    // beta.16 knows dated versions up to 2025-03-01-preview; a newer one is refused here rather than silently
    // replaced by the SDK's default
    static AzureResponsesServiceVersion serviceVersion(String apiVersion) {
        return Arrays.stream(AzureResponsesServiceVersion.values()).filter(v -> v.getVersion().equals(apiVersion))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("OPENAI_API_VERSION='" + apiVersion
                        + "' is not one azure-ai-openai 1.0.0-beta.16 can send. Fix: use one of " + Arrays.stream(
                                AzureResponsesServiceVersion.values()).map(AzureResponsesServiceVersion::getVersion)
                                .filter(v -> v.compareTo("2025-03-01") >= 0).toList() + "."));
    }

    /**
     * Performs one operation through this path's client and returns what it gave, or how the deployment refused it,
     * with the records of the HTTP calls it made on this thread. Every successful Responses answer among them is
     * held to the intended deployment: an answer from a region the path is not meant to reach, without a region, or
     * from another model fails the call with an {@link AssertionError} saying so, whatever the scenario checks next.
     */
    public <T> Call<T> call(Function<ResponsesApi, T> operation) {
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
        return new Call<>(description, value, refused == null ? null : failure(refused, made), made);
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

    /** The same way in, sending another api-version: for the cases that check how a wrong one is refused. */
    public AccessPath withApiVersion(String apiVersion) {
        return atApiVersion.apply(apiVersion);
    }

    /** The path's short name, as records and messages use it, e.g. {@code apim} or {@code direct(East US)}. */
    public String name() {
        return name;
    }

    /** The path as a sentence begins with it, e.g. "through APIM" or "directly to East US". */
    public String description() {
        return description;
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
        return name;
    }
}
