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

/**
 * One way into the Responses API, as the scenarios inject it: the real azure-ai-openai client configured for that
 * way in, and the record of every call it made.
 *
 * <ul>
 *   <li>{@code direct(<region>)}: an account's endpoint, Entra token for
 *       {@code https://cognitiveservices.azure.com/.default} (azure-wire-facts.md §3.1);</li>
 *   <li>{@code apim}: the gateway, the subscription key in {@code api-key}; the gateway authenticates to the
 *       accounts itself (apim-facts.md §4).</li>
 * </ul>
 * Client-side retries are off: a scenario sees what the deployment answered, not what the SDK made of it.
 */
public final class AccessPath {
    /** The scope direct calls request, as azure-ai-openai beta.16's builder does. */
    public static final String OPENAI_SCOPE = "https://cognitiveservices.azure.com/.default";

    private final String name;
    private final URI endpoint;
    private final ResponsesClient client;
    private final CallCapture capture;
    private final java.util.function.Function<String, AccessPath> atApiVersion;

    private AccessPath(String name, URI endpoint, ResponsesClient client, CallCapture capture,
            java.util.function.Function<String, AccessPath> atApiVersion) {
        this.name = name;
        this.endpoint = endpoint;
        this.client = client;
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
        return new AccessPath(name, endpoint, builder(endpoint, http, apiVersion, capture).credential(credential)
                .buildClient(), capture, version -> direct(region, endpoint, credential, http, version, clock));
    }

    public static AccessPath apim(URI gateway, Secret subscriptionKey, HttpClientFactory http, String apiVersion,
            Clock clock) {
        return apim(gateway, subscriptionKey, http.azureHttpClient(), apiVersion, clock);
    }

    static AccessPath apim(URI gateway, Secret subscriptionKey, HttpClient http, String apiVersion, Clock clock) {
        CallCapture capture = new CallCapture("apim", clock);
        return new AccessPath("apim", gateway, builder(gateway, http, apiVersion, capture)
                .credential(new KeyCredential(subscriptionKey.reveal())).buildClient(), capture,
                version -> apim(gateway, subscriptionKey, http, version, clock));
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

    public URI endpoint() {
        return endpoint;
    }

    /** The real azure-ai-openai client of this path. */
    public ResponsesClient responses() {
        return client;
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
