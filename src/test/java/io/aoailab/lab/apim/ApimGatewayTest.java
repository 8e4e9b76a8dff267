package io.aoailab.lab.apim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.core.credential.KeyCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.lab.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's gateway as a client meets it: the real azure-ai-openai client with an APIM subscription key. */
class ApimGatewayTest {
    private static Lab lab;
    private static HttpClientFactory http;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabOptions.defaults());
        http = GatewayClients.trusting(lab);
    }

    @AfterAll
    static void stop() {
        http.close();
        lab.close();
    }

    @AfterEach
    void heal() {
        lab.faults().reset();
    }



    @Test
    void should_spread_requests_over_both_regions() {
        AtomicReference<String> region = new AtomicReference<>();
        ResponsesClient client = GatewayClients.responses(lab, http, region);
        List<String> regions = new ArrayList<>();

        for (int i = 0; i < 200; i++) {
            client.createResponse(GatewayClients.hello());
            regions.add(region.get());
        }

        // 50/50 weighted-random: 100 ± 5 sd (sd = 7.1) is 65..135
        assertThat(Collections.frequency(regions, "East US")).isBetween(65, 135);
        assertThat(Collections.frequency(regions, "East US 2")).isEqualTo(200 - Collections.frequency(regions, "East US"));
    }

    @Test
    void should_fail_over_from_a_throttled_region() {
        int tripsBefore = lab.apim().orElseThrow().gateway().breakerTrips().get("aoai-eus");
        lab.faults().inject("aoai-eus", new Fault.Throttle(Duration.ofSeconds(30)), FaultBudget.forDuration(Duration.ofMinutes(1)));
        AtomicReference<String> region = new AtomicReference<>();
        ResponsesClient client = GatewayClients.responses(lab, http, region);

        for (int i = 0; i < 20; i++) {
            assertThat(client.createResponse(GatewayClients.hello()).getId()).startsWith("resp_");
            assertThat(region.get()).isEqualTo("East US 2");
        }
        // one trip: the breaker honours the 30 s Retry-After, so the throttled account is not tried again
        assertThat(lab.apim().orElseThrow().gateway().breakerTrips()).containsEntry("aoai-eus", tripsBefore + 1);
    }

    @Test
    void should_answer_503_when_every_pool_member_is_throttled() {
        for (String account : List.of("aoai-eus", "aoai-eus2")) {
            lab.faults().inject(account, new Fault.Throttle(Duration.ofSeconds(30)), FaultBudget.forDuration(Duration.ofMinutes(1)));
        }

        assertThatThrownBy(() -> GatewayClients.responses(lab, http, new AtomicReference<>()).createResponse(GatewayClients.hello()))
                .isInstanceOf(HttpResponseException.class)
                .satisfies(e -> assertThat(((HttpResponseException) e).getResponse().getStatusCode()).isEqualTo(503));
    }

    @Test
    void should_reach_the_accounts_with_the_gateways_identity_and_without_the_callers_key() {
        int before = lab.requestsTo("aoai-eus.openai.azure.com").size() + lab.requestsTo("aoai-eus2.openai.azure.com").size();
        GatewayClients.responses(lab, http, new AtomicReference<>()).createResponse(GatewayClients.hello());

        List<RecordedRequest> seen = new ArrayList<>(lab.requestsTo("aoai-eus.openai.azure.com"));
        seen.addAll(lab.requestsTo("aoai-eus2.openai.azure.com"));
        assertThat(seen).hasSize(before + 1);
        RecordedRequest last = seen.stream().max(java.util.Comparator.comparing(RecordedRequest::at)).orElseThrow();
        assertThat(last.hasHeader("api-key")).isFalse();
        assertThat(last.hasHeader("ocp-apim-subscription-key")).isFalse();
        assertThat(last.bearerClaims()).containsEntry("oid", lab.topology().principal("apim-gateway").orElseThrow().objectId())
                .containsEntry("aud", "https://cognitiveservices.azure.com");
    }

    @Test
    void should_answer_apims_own_401_for_a_missing_or_invalid_key() throws Exception {
        String url = lab.apim().orElseThrow().hostUri() + "openai/responses?api-version=2025-03-01-preview";
        RequestBody body = RequestBody.create("{\"model\":\"gpt-4o\",\"input\":\"hi\"}", MediaType.get("application/json"));

        try (Response missing = http.okHttp().newCall(new Request.Builder().url(url).post(body).build()).execute()) {
            assertThat(missing.code()).isEqualTo(401);
            assertThat(missing.body().string()).isEqualTo("{\"statusCode\":401,\"message\":\"Access denied due to missing"
                    + " subscription key. Make sure to include subscription key when making requests to an API.\"}");
        }
        try (Response invalid = http.okHttp().newCall(new Request.Builder().url(url).header("api-key", "0000")
                .post(body).build()).execute()) {
            assertThat(invalid.code()).isEqualTo(401);
            assertThat(invalid.body().string()).contains("Access denied due to invalid subscription key");
        }
        String key = lab.apim().orElseThrow().subscriptionKey().reveal();
        for (Request.Builder request : List.of(new Request.Builder().url(url).header("Ocp-Apim-Subscription-Key", key),
                new Request.Builder().url(url + "&api-key=" + key))) {
            try (Response accepted = http.okHttp().newCall(request.post(body).build()).execute()) {
                assertThat(accepted.code()).isEqualTo(200);
            }
        }
    }

    @Test
    void should_keep_a_stored_response_reachable_through_the_pool() {
        ResponsesClient client = GatewayClients.responses(lab, http, new AtomicReference<>());

        for (int i = 0; i < 10; i++) {
            String id = client.createResponse(GatewayClients.hello()).getId();
            assertThat(client.getResponse(id).getId()).isEqualTo(id);
            CreateResponsesRequest followUp = GatewayClients.hello().setPreviousResponseId(id);
            assertThat(client.createResponse(followUp).getPreviousResponseId()).isEqualTo(id);
            client.deleteResponse(id);
        }
    }

    @Test
    void should_count_tokens_per_subscription_and_emit_token_metrics() {
        long before = lab.apim().orElseThrow().gateway().tokenMetrics().tokensBySubscription().getOrDefault("suite", 0L);
        var response = GatewayClients.responses(lab, http, new AtomicReference<>()).createResponse(GatewayClients.hello());

        // tokens per subscription are what the policy's llm-emit-token-metric emitted: the backend's usage
        assertThat(lab.apim().orElseThrow().gateway().tokenMetrics().tokensBySubscription())
                .containsEntry("suite", before + response.getUsage().getTotalTokens());
        assertThat(lab.apim().orElseThrow().gateway().tokenMetrics().metrics()).last()
                .satisfies(m -> assertThat(m.name()).isEqualTo("Completion Tokens"))
                .satisfies(m -> assertThat(m.value()).isEqualTo((double) response.getUsage().getOutputTokens()))
                .satisfies(m -> assertThat(m.dimensions()).containsEntry("Subscription ID", "suite"));
    }
}
