package io.aoailab.lab.apim;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.core.credential.KeyCredential;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.lab.Lab;
import io.aoailab.testing.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The clients gateway tests call the lab's APIM with: the real azure-ai-openai client and an APIM key. */
final class GatewayClients {
    private GatewayClients() {
    }

    static HttpClientFactory trusting(Lab lab) {
        return new HttpClientFactory(Duration.ofSeconds(10), NetworkPosture.jdkDefaults().direct()
                .with(List.of(lab.caCertificate()), lab.pinnedHosts()));
    }

    /** No client-side retries, so a test sees what the gateway answered; {@code region} gets x-backend-region. */
    static ResponsesClient responses(Lab lab, HttpClientFactory http, AtomicReference<String> region) {
        HttpPipelinePolicy capture = (context, next) -> next.process()
                .doOnNext(r -> region.set(r.getHeaderValue(HttpHeaderName.fromString("x-backend-region"))));
        return new ResponsesClientBuilder().endpoint(lab.apim().orElseThrow().hostUri().toString())
                .credential(new KeyCredential(lab.apim().orElseThrow().subscriptionKey().reveal()))
                .httpClient(http.azureHttpClient()).addPolicy(capture)
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))).buildClient();
    }

    /**
     * A create as a raw client sends it, with {@code headers} (the credentials under test), to see APIM's own answers
     * whole: status, headers and body.
     */
    static Answer create(Lab lab, HttpClientFactory http, Map<String, String> headers) {
        Request.Builder request = new Request.Builder()
                .url(lab.apim().orElseThrow().hostUri() + "openai/responses?api-version=2025-03-01-preview")
                .post(RequestBody.create("{\"model\":\"gpt-4o\",\"input\":\"Hello via APIM\",\"max_output_tokens\":64}",
                        MediaType.get("application/json")));
        headers.forEach(request::header);
        try (Response response = http.okHttp().newCall(request.build()).execute()) {
            return new Answer(response.code(), response.headers(), response.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default subscription's key in the API's key header, as SDKs send it. */
    static Map<String, String> subscriptionKey(Lab lab) {
        return Map.of("api-key", lab.apim().orElseThrow().subscriptionKey().reveal());
    }

    static CreateResponsesRequest hello() {
        return new CreateResponsesRequest(CreateResponsesRequestModel.fromString("gpt-4o"), "Hello via APIM")
                .setMaxOutputTokens(64);
    }
}
