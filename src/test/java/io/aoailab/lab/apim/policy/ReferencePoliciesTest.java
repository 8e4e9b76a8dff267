package io.aoailab.lab.apim.policy;

import static io.aoailab.lab.apim.policy.FakeGateway.answer;
import static io.aoailab.lab.apim.policy.FakeGateway.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two realistic policies (src/test/resources/apim/) run end to end against the fake gateway: the engine runs the kind
 * of policy users apply to real APIM, not only one element at a time.
 */
class ReferencePoliciesTest {
    private final FakeGateway gateway = new FakeGateway().pool("aoai-pool", "aoai-eastus", "aoai-eastus2");
    private final AtomicInteger ids = new AtomicInteger();

    private static Policy load(String name) throws IOException, PolicyException {
        try (InputStream in = ReferencePoliciesTest.class.getResourceAsStream("/apim/" + name)) {
            return Policy.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    // an account that creates responses with ids of its own and says where it is
    private FakeGateway.Outcome account(String region) {
        return request -> FakeGateway.response(200, "{\"id\":\"resp_" + region.replace(" ", "") + "_"
                + ids.incrementAndGet() + "\",\"usage\":{\"total_tokens\":10}}", "Content-Type", "application/json",
                "x-ms-region", region);
    }

    private GatewayResponse send(Policy policy, GatewayRequest request) {
        return policy.execute(FakeGateway.context(request), gateway);
    }

    private static GatewayRequest create(String body) {
        return FakeGateway.request("POST", "/openai/responses", body, "api-key", "sub-key", "Content-Type",
                "application/json");
    }

    private static GatewayRequest byId(String method, String id) {
        GatewayRequest r = FakeGateway.request(method, "/openai/responses/" + id, "", "api-key", "sub-key");
        return new GatewayRequest(r.method(), r.originalUrl(), r.headers(), r.body(), r.ipAddress(), r.apiSuffix(),
                Map.of("response_id", id));
    }

    @Test
    void should_balance_authenticate_and_name_the_region_when_the_load_balancer_serves_requests() throws Exception {
        // GIVEN
        Policy policy = load("load-balancer-policy.xml");
        gateway.script("aoai-eastus", account("East US")).script("aoai-eastus2", account("East US 2"));

        // WHEN two requests
        GatewayResponse first = send(policy, create("{\"input\":\"a\"}"));
        GatewayResponse second = send(policy, create("{\"input\":\"b\"}"));

        // THEN one per region, with managed identity instead of the subscription key
        assertThat(first.headers().first("x-backend-region")).contains("East US");
        assertThat(second.headers().first("x-backend-region")).contains("East US 2");
        assertThat(gateway.forwards).allSatisfy(f -> {
            assertThat(f.request().headers().contains("api-key")).isFalse();
            assertThat(f.request().headers().first("Authorization"))
                    .contains("Bearer token-for-https://cognitiveservices.azure.com");
            assertThat(f.target()).isEqualTo(new BackendTarget.ById("aoai-pool"));
        });
    }

    @Test
    void should_fail_over_with_the_body_when_a_member_throttles() throws Exception {
        Policy policy = load("load-balancer-policy.xml");
        gateway.script("aoai-eastus", answer(429, "{\"error\":{\"code\":\"429\"}}", "Retry-After", "2",
                "x-ms-region", "East US")).script("aoai-eastus2", account("East US 2"));

        GatewayResponse r = send(policy, create("{\"input\":\"retry me\"}"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().first("x-backend-region")).contains("East US 2");
        assertThat(gateway.forwards).extracting(FakeGateway.Forward::body)
                .containsExactly("{\"input\":\"retry me\"}", "{\"input\":\"retry me\"}");
    }

    @Test
    void should_pass_the_last_429_through_when_every_attempt_is_throttled() throws Exception {
        Policy policy = load("load-balancer-policy.xml");
        gateway.script("aoai-eastus", answer(429, "busy", "Retry-After", "7", "x-ms-region", "East US"))
                .script("aoai-eastus2", answer(429, "busy", "Retry-After", "3", "x-ms-region", "East US 2"));

        GatewayResponse r = send(policy, create("{}"));

        assertThat(gateway.forwards).hasSize(3);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().first("Retry-After")).contains("7");
        assertThat(r.headers().first("x-backend-region")).contains("East US");
    }

    @Test
    void should_answer_a_bare_503_when_the_pool_is_exhausted() throws Exception {
        Policy policy = load("load-balancer-policy.xml");
        gateway.script("aoai-eastus", FakeGateway.poolExhausted()).script("aoai-eastus2", FakeGateway.poolExhausted());

        GatewayResponse r = send(policy, create("{}"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.statusReason()).isEqualTo("Service Unavailable");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void should_pin_follow_ups_to_the_creating_region_when_the_id_aware_policy_routes() throws Exception {
        // GIVEN a conversation created through the pool
        Policy policy = load("id-aware-policy.xml");
        gateway.script("aoai-eastus", account("East US")).script("aoai-eastus2", account("East US 2"));
        send(policy, create("{\"input\":\"warm-up\"}"));
        GatewayResponse created = send(policy, create("{\"input\":\"first turn\"}"));
        String id = text(created).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(created.headers().first("x-backend-region")).contains("East US 2");

        // WHEN the follow-up turn, a GET and a DELETE of that response
        GatewayResponse followUp = send(policy, create("{\"previous_response_id\":\"" + id
                + "\",\"input\":\"second turn\"}"));
        send(policy, byId("GET", id));
        send(policy, byId("DELETE", id));

        // THEN all three went straight to the account that created it, the body intact for the model
        assertThat(gateway.forwards.subList(2, 5)).extracting(FakeGateway.Forward::target)
                .containsOnly(new BackendTarget.ById("aoai-eastus2"));
        assertThat(gateway.forwards.get(2).body()).contains("second turn");
        assertThat(followUp.headers().first("x-backend-region")).contains("East US 2");

        // AND after the DELETE the id is forgotten: a later GET goes to the pool again
        send(policy, byId("GET", id));
        assertThat(gateway.forwards.get(5).target()).isEqualTo(new BackendTarget.ById("aoai-pool"));
    }

    @Test
    void should_use_the_pool_when_the_previous_response_id_is_unknown() throws Exception {
        Policy policy = load("id-aware-policy.xml");
        gateway.script("aoai-eastus", account("East US")).script("aoai-eastus2", account("East US 2"));

        GatewayResponse r = send(policy, create("{\"previous_response_id\":\"resp_elsewhere\",\"input\":\"x\"}"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(gateway.forwards.get(0).target()).isEqualTo(new BackendTarget.ById("aoai-pool"));
        assertThat(gateway.cache.lookup("response-backend:resp_elsewhere")).isEmpty();
    }

    @Test
    void should_not_fail_over_a_pinned_request_when_its_account_throttles() throws Exception {
        // GIVEN a response created in East US
        Policy policy = load("id-aware-policy.xml");
        gateway.script("aoai-eastus", account("East US"), answer(429, "busy", "x-ms-region", "East US"));
        String id = text(send(policy, create("{\"input\":\"a\"}"))).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        // WHEN its follow-up is throttled
        GatewayResponse r = send(policy, create("{\"previous_response_id\":\"" + id + "\"}"));

        // THEN the 429 comes back: no other account holds the conversation
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(gateway.forwards).hasSize(2);
    }
}
