package io.aoailab.access;

import com.azure.ai.openai.responses.AzureResponsesServiceVersion;
import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.core.credential.KeyCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.config.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One way into the Responses API, as the scenarios inject it: the real azure-ai-openai client configured for that
 * way in, and the record of every call it made.
 *
 * <ul>
 *   <li>{@code direct(<region>)}: an account's endpoint, Entra token for
 *       {@code https://cognitiveservices.azure.com/.default} (docs/azure-facts.md §3.1);</li>
 *   <li>{@code apim}: the gateway, the subscription key in {@code api-key}; the gateway authenticates to the
 *       accounts itself (docs/apim-gateway.md §4);</li>
 *   <li>{@code foundry}: the project endpoint; its Azure OpenAI connection is resolved on first use by
 *       azure-ai-projects' own {@code ConnectionsClient}, the way {@code InferenceClient.getOpenAIClient()} does
 *       it, and the connection's target is called with the connection's credential (see
 *       {@link FoundryConnection}).</li>
 * </ul>
 * Client-side retries are off: a scenario sees what the deployment answered, not what the SDK made of it.
 */
public final class AccessPath {
    /** The scope direct calls request, as azure-ai-openai beta.16's builder does. */
    public static final String OPENAI_SCOPE = "https://cognitiveservices.azure.com/.default";

    private final String name;
    private final Supplier<Binding> binding;
    private final CallCapture capture;
    private final Function<String, AccessPath> atApiVersion;

    /**
     * Where a path's client points once known.
     *
     * @param endpoint the URL the client calls (for foundry: the connection's target)
     * @param client the client
     * @param expectedRegion the region the configuration expects to answer there; empty when any intended region may
     */
    record Binding(URI endpoint, ResponsesClient client, Optional<String> expectedRegion) {
    }

    private AccessPath(String name, Supplier<Binding> binding, CallCapture capture,
            Function<String, AccessPath> atApiVersion) {
        this.name = name;
        this.binding = binding;
        this.capture = capture;
        this.atApiVersion = atApiVersion;
    }

    /** The same way in, sending another api-version: for the cases that check how a wrong one is refused. */
    public AccessPath withApiVersion(String apiVersion) {
        return atApiVersion.apply(apiVersion);
    }

    public static AccessPath direct(String region, URI endpoint, TokenCredential credential, HttpClientFactory http,
            String apiVersion, Clock clock) {
        return direct(region, endpoint, credential, http.azureHttpClient(), apiVersion, clock);
    }

    static AccessPath direct(String region, URI endpoint, TokenCredential credential, HttpClient http,
            String apiVersion, Clock clock) {
        String name = "direct(" + region + ")";
        CallCapture capture = new CallCapture(name, clock);
        Binding bound = new Binding(endpoint, builder(endpoint, http, apiVersion, capture).credential(credential)
                .buildClient(), Optional.of(region));
        return new AccessPath(name, () -> bound, capture,
                version -> direct(region, endpoint, credential, http, version, clock));
    }

    public static AccessPath apim(URI gateway, Secret subscriptionKey, HttpClientFactory http, String apiVersion,
            Clock clock) {
        return apim(gateway, subscriptionKey, http.azureHttpClient(), apiVersion, clock);
    }

    static AccessPath apim(URI gateway, Secret subscriptionKey, HttpClient http, String apiVersion, Clock clock) {
        CallCapture capture = new CallCapture("apim", clock);
        Binding bound = new Binding(gateway, builder(gateway, http, apiVersion, capture)
                .credential(new KeyCredential(subscriptionKey.reveal())).buildClient(), Optional.empty());
        return new AccessPath("apim", () -> bound, capture,
                version -> apim(gateway, subscriptionKey, http, version, clock));
    }

    /**
     * The Foundry path. Nothing is called until a scenario first uses it, so a project without a usable connection
     * fails the cases that use the path, each with the reason, rather than the whole run.
     *
     * @param project the project endpoint
     * @param connectionName the connection to resolve, or empty for the project's default Azure OpenAI connection
     * @param regionsByEndpoint the configured Azure OpenAI endpoints with the region expected at each: a connection
     *        must target one of them
     */
    public static AccessPath foundry(URI project, Optional<String> connectionName, List<ExpectedEndpoint> regionsByEndpoint,
            TokenCredential credential, HttpClientFactory http, String apiVersion, Clock clock) {
        return foundry(project, connectionName, regionsByEndpoint, credential, http.azureHttpClient(), apiVersion, clock);
    }

    static AccessPath foundry(URI project, Optional<String> connectionName, List<ExpectedEndpoint> regionsByEndpoint,
            TokenCredential credential, HttpClient http, String apiVersion, Clock clock) {
        CallCapture capture = new CallCapture("foundry", clock);
        return foundry(new FoundryConnection(project, connectionName, credential, http, capture), regionsByEndpoint,
                credential, http, apiVersion, capture, clock);
    }

    // another api-version reuses the connection: the project is asked once per run, not once per variant of a path
    private static AccessPath foundry(FoundryConnection connection, List<ExpectedEndpoint> regionsByEndpoint,
            TokenCredential credential, HttpClient http, String apiVersion, CallCapture capture, Clock clock) {
        Supplier<Binding> binding = memoized(() -> {
            FoundryConnection.Resolved resolved = connection.resolve();
            String region = resolved.expectedRegionAmong(regionsByEndpoint);
            ResponsesClientBuilder builder = builder(resolved.target(), http, apiVersion, capture);
            resolved.apiKey().ifPresentOrElse(key -> builder.credential(new KeyCredential(key.reveal())),
                    () -> builder.credential(credential));
            return new Binding(resolved.target(), builder.buildClient(), Optional.of(region));
        });
        return new AccessPath("foundry", binding, capture, version -> foundry(connection, regionsByEndpoint,
                credential, http, version, new CallCapture("foundry", clock), clock));
    }

    /**
     * A configured Azure OpenAI endpoint and the region the configuration expects to answer there.
     *
     * @param key the configuration key that names the endpoint, e.g. {@code OPENAI_ENDPOINT_1}
     */
    public record ExpectedEndpoint(String key, URI endpoint, String region) {
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

    private static ResponsesClientBuilder builder(URI endpoint, HttpClient http, String apiVersion,
            CallCapture capture) {
        // the SDK appends /openai/...: an endpoint copied from the portal ends in '/', which would double it
        String base = endpoint.toString().replaceAll("/+$", "");
        return new ResponsesClientBuilder().endpoint(base).httpClient(http)
                .serviceVersion(serviceVersion(apiVersion)).addPolicy(capture)
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

    public String name() {
        return name;
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

    /** The real azure-ai-openai client of this path. */
    public ResponsesClient responses() {
        return binding.get().client();
    }

    /** Every call this path's client made, oldest first. */
    public List<CallRecord> calls() {
        return capture.calls();
    }

    public CallCapture capture() {
        return capture;
    }

    @Override
    public String toString() {
        return name;
    }
}
