package io.aoailab.lab.apim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.http.RecordedRequest;
import io.aoailab.testing.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lab's gateway as a client meets it: the real azure-ai-openai client with an APIM subscription key. */
class ApimGatewayTest {
    private static final String MISSING_KEY = "Access denied due to missing subscription key. Make sure to include "
            + "subscription key when making requests to an API.";
    private static final String INVALID_KEY = "Access denied due to invalid subscription key. Make sure to provide a "
            + "valid key for an active subscription.";
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

    private static final List<String> ACCOUNTS = List.of("aoai-eus.openai.azure.com", "aoai-eus2.openai.azure.com");

    // what reached either account so far, as the accounts recorded it
    private static List<RecordedRequest> reached() {
        return ACCOUNTS.stream().flatMap(host -> lab.requestsTo(host).stream()).toList();
    }

    private static List<Integer> logSizes() {
        return ACCOUNTS.stream().map(host -> lab.requestsTo(host).size()).toList();
    }

    // what reached the accounts after their logs had these sizes
    private static List<RecordedRequest> reachedSince(List<Integer> sizes) {
        List<RecordedRequest> added = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS.size(); i++) {
            List<RecordedRequest> log = lab.requestsTo(ACCOUNTS.get(i));
            added.addAll(log.subList(sizes.get(i), log.size()));
        }
        return added;
    }

    private static Answer createWithQuery(String query, Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(lab.apim().orElseThrow().hostUri()
                + "openai/responses?api-version=2025-03-01-preview&" + query).post(RequestBody.create(
                "{\"model\":\"gpt-4o\",\"input\":\"hi\"}", MediaType.get("application/json")));
        headers.forEach(request::header);
        try (Response response = http.okHttp().newCall(request.build()).execute()) {
            return new Answer(response.code(), response.headers(), response.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    void should_reach_the_accounts_with_the_gateways_identity_and_without_the_callers_key() {
        // GIVEN a caller that sends its key in the API's header and, for good measure, in APIM's default one too
        String key = lab.apim().orElseThrow().subscriptionKey().reveal();
        List<Integer> before = logSizes();

        // WHEN
        Answer answer = GatewayClients.create(lab, http, Map.of("api-key", key, "Ocp-Apim-Subscription-Key", key));

        // THEN one request reached an account, as the gateway sent it: APIM passes the key on unless a policy deletes
        // it (docs/apim-gateway.md §4), and the shipped policy deletes both headers before its managed identity signs
        assertThat(answer.status()).isEqualTo(200);
        assertThat(reachedSince(before)).singleElement().satisfies(backend -> {
            assertThat(backend.headerNames()).doesNotContain("api-key", "ocp-apim-subscription-key");
            assertThat(backend.hasHeader("Authorization")).isTrue();
            assertThat(backend.bearerClaims())
                    .containsEntry("oid", lab.topology().principal("apim-gateway").orElseThrow().objectId())
                    .containsEntry("aud", "https://cognitiveservices.azure.com");
        });
    }

    static Stream<Arguments> refusedKeys() {
        return Stream.of(
                arguments("no key", (Function<Lab.LabApim, Map<String, String>>) apim -> Map.of(), MISSING_KEY),
                arguments("a key no subscription has", (Function<Lab.LabApim, Map<String, String>>) apim ->
                        Map.of("api-key", "0123456789abcdef0123456789abcdef"), INVALID_KEY),
                arguments("a suspended subscription's key", (Function<Lab.LabApim, Map<String, String>>) apim ->
                        Map.of("api-key", apim.subscriptionKey("suspended").reveal()), INVALID_KEY),
                // after the rename to api-key, APIM's default header is just another header: no key was sent
                arguments("a valid key in APIM's default header, which this API renamed",
                        (Function<Lab.LabApim, Map<String, String>>) apim ->
                                Map.of("Ocp-Apim-Subscription-Key", apim.subscriptionKey().reveal()), MISSING_KEY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKeys")
    void should_refuse_with_apims_own_401_before_any_backend_is_called(String what,
            Function<Lab.LabApim, Map<String, String>> credentials, String message) {
        Lab.LabApim apim = lab.apim().orElseThrow();
        int reached = reached().size();

        Answer answer = GatewayClients.create(lab, http, credentials.apply(apim));

        // docs/apim-gateway.md §4: the gateway's own JSON on one line (152 and 143 bytes, as captured), its key
        // challenge, and no policy run, so no account sees the call
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("{ \"statusCode\": 401, \"message\": \"" + message + "\" }");
        assertThat(answer.bytes()).hasSize(message.equals(MISSING_KEY) ? 152 : 143);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("AzureApiManagementKey realm=\""
                + apim.hostUri().resolve("/openai") + "\",name=\"api-key\",type=\"header\"");
        assertThat(reached()).hasSize(reached);
    }

    @Test
    void should_read_the_key_from_the_apis_query_parameter_only_when_its_header_is_absent() {
        String key = lab.apim().orElseThrow().subscriptionKey().reveal();

        assertThat(createWithQuery("api-key=" + key, Map.of()).status()).isEqualTo(200);
        // the header wins: a wrong one is refused even with a valid key in the query
        Answer wrongHeader = createWithQuery("api-key=" + key, Map.of("api-key", "0123456789abcdef0123456789abcdef"));
        assertThat(wrongHeader.status()).isEqualTo(401);
        assertThat(wrongHeader.body()).contains(INVALID_KEY);
        // APIM's default query name is not this API's
        Answer defaultName = createWithQuery("subscription-key=" + key, Map.of());
        assertThat(defaultName.status()).isEqualTo(401);
        assertThat(defaultName.body()).contains(MISSING_KEY);
    }

    @Test
    void should_name_the_topologys_subscriptions_when_asked_for_one_it_lacks() {
        assertThatThrownBy(() -> lab.apim().orElseThrow().subscriptionKey("nobody"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("'nobody'").hasMessageContaining("[suite, suspended]");
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
