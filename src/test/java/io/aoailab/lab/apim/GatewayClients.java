package io.aoailab.lab.apim;

import com.azure.core.http.HttpHeaderName;
import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.core.credential.KeyCredential;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.lab.Lab;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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

    static CreateResponsesRequest hello() {
        return new CreateResponsesRequest(CreateResponsesRequestModel.fromString("gpt-4o"), "Hello via APIM")
                .setMaxOutputTokens(64);
    }
}
