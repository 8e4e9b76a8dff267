package io.aoailab.lab.apim.policy;

import static io.aoailab.lab.apim.policy.FakeGateway.answer;
import static io.aoailab.lab.apim.policy.FakeGateway.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** retry (docs/apim-gateway.md §2.2): attempts, when the condition is read, waits, failover, and errors inside. */
class RetryTest {
    private final FakeGateway gateway = new FakeGateway();
    private final List<Duration> waits = new ArrayList<>();
    private final PolicyContext context = FakeGateway.context(FakeGateway.request("POST", "/responses",
            "{\"input\":\"hi\"}"));

    private GatewayResponse run(String retryAttributes, String children) throws PolicyException {
        String xml = "<policies><backend><retry " + retryAttributes + ">" + children + "</retry></backend></policies>";
        return Policy.parse(xml, "retry.xml").withSleeper(d -> waits.add(d)).execute(context, gateway);
    }

    private static final String ON_429_OR_5XX = "condition=\"@(context.Response.StatusCode == 429 || "
            + "context.Response.StatusCode >= 500)\" ";

    @Test
    void should_make_count_plus_one_attempts_when_the_condition_stays_true() throws Exception {
        // GIVEN a backend that always throttles
        gateway.script("default", answer(429, "busy", "Retry-After", "1"));

        // WHEN
        GatewayResponse r = run(ON_429_OR_5XX + "count=\"2\" interval=\"0\"", "<forward-request />");

        // THEN 3 attempts, no wait, and the last answer goes back
        assertThat(gateway.forwards).hasSize(3);
        assertThat(waits).isEmpty();
        assertThat(r.statusCode()).isEqualTo(429);
    }

    @Test
    void should_stop_when_the_condition_turns_false_after_an_attempt() throws Exception {
        gateway.script("default", answer(503, "down"), answer(200, "ok"));
        GatewayResponse r = run(ON_429_OR_5XX + "count=\"5\" interval=\"0\"", "<forward-request />");
        assertThat(gateway.forwards).hasSize(2);
        assertThat(text(r)).isEqualTo("ok");
    }

    @Test
    void should_run_children_once_when_the_condition_is_false_from_the_start() throws Exception {
        gateway.script("default", answer(200, "ok"));
        run("condition=\"false\" count=\"3\" interval=\"1\"", "<forward-request />");
        assertThat(gateway.forwards).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void should_fail_over_to_another_pool_member_when_set_backend_service_repeats_inside_retry() throws Exception {
        // GIVEN a pool whose first member throttles and second answers
        gateway.pool("aoai-pool", "eastus", "eastus2")
                .script("eastus", answer(429, "throttled", "x-ms-region", "East US"))
                .script("eastus2", answer(200, "{\"id\":\"resp_2\"}", "x-ms-region", "East US 2"));

        // WHEN
        GatewayResponse r = run(ON_429_OR_5XX + "count=\"2\" interval=\"0\" first-fast-retry=\"true\"",
                "<set-backend-service backend-id=\"aoai-pool\" /><forward-request buffer-request-body=\"true\" />");

        // THEN the second attempt reached the other region, with the body
        assertThat(gateway.forwards).hasSize(2);
        assertThat(r.headers().first("x-ms-region")).contains("East US 2");
        assertThat(gateway.forwards.get(1).body()).isEqualTo("{\"input\":\"hi\"}");
    }

    @Test
    void should_retry_without_the_body_when_forward_request_does_not_buffer_it() throws Exception {
        gateway.script("default", answer(429, "busy"), answer(200, "ok"));
        run(ON_429_OR_5XX + "count=\"1\" interval=\"0\"", "<forward-request />");
        assertThat(gateway.forwards.get(0).body()).isEqualTo("{\"input\":\"hi\"}");
        assertThat(gateway.forwards.get(1).body()).isEmpty();
    }

    @Test
    void should_wait_a_fixed_interval_when_only_interval_is_given() throws Exception {
        gateway.script("default", answer(500, "x"));
        run(ON_429_OR_5XX + "count=\"2\" interval=\"2\"", "<forward-request />");
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void should_skip_only_the_first_wait_when_first_fast_retry_is_true() throws Exception {
        gateway.script("default", answer(500, "x"));
        run(ON_429_OR_5XX + "count=\"3\" interval=\"1\" first-fast-retry=\"@(true)\"", "<forward-request />");
        assertThat(gateway.forwards).hasSize(4);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void should_grow_linearly_when_interval_and_delta_are_given() throws Exception {
        gateway.script("default", answer(500, "x"));
        run(ON_429_OR_5XX + "count=\"3\" interval=\"1\" delta=\"2\"", "<forward-request />");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @Test
    void should_grow_exponentially_up_to_max_interval_when_all_three_are_given() throws Exception {
        // GIVEN the docs' example: interval = delta = 10 s, max 100 s -> about 10, 20, 40, 80, 100
        gateway.script("default", answer(500, "x"));

        // WHEN
        run(ON_429_OR_5XX + "count=\"5\" interval=\"10\" delta=\"10\" max-interval=\"100\"", "<forward-request />");

        // THEN within the +-20 % jitter on delta
        assertThat(waits).hasSize(5);
        assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(22));
        assertThat(waits.get(2)).isBetween(Duration.ofSeconds(34), Duration.ofSeconds(46));
        assertThat(waits.get(3)).isBetween(Duration.ofSeconds(66), Duration.ofSeconds(94));
        assertThat(waits.get(4)).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void should_retry_an_attempt_without_an_answer_when_the_condition_guards_a_missing_response() throws Exception {
        // GIVEN a backend whose connection fails, then answers; a condition written for that (context.Response null)
        gateway.script("default", FakeGateway.fail("BackendConnectionFailure"), FakeGateway.fail("Timeout"),
                answer(200, "ok"));

        // WHEN
        GatewayResponse r = run(ON_429_OR_5XX.replace("context.Response.StatusCode == 429",
                "context.Response == null || context.Response.StatusCode == 429") + "count=\"2\" interval=\"0\"",
                "<forward-request />");

        // THEN both failures were retried, and the third attempt's answer goes back
        assertThat(gateway.forwards).hasSize(3);
        assertThat(text(r)).isEqualTo("ok");
        assertThat(context.lastError()).isEmpty();
    }

    @Test
    void should_go_to_on_error_when_an_attempt_gets_no_answer_and_the_condition_reads_the_missing_response()
            throws Exception {
        gateway.script("default", FakeGateway.fail("Timeout"), answer(200, "ok"));
        GatewayResponse r = run(ON_429_OR_5XX + "count=\"2\" interval=\"0\"", "<forward-request />");
        assertThat(gateway.forwards).hasSize(1);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(context.lastError()).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo("Timeout");
            assertThat(e.path()).isEqualTo("retry[1]\\forward-request[1]");
        });
    }

    @Test
    void should_go_to_on_error_when_the_last_attempt_gets_no_answer() throws Exception {
        gateway.script("default", FakeGateway.fail("BackendConnectionFailure"));
        GatewayResponse r = run("condition=\"@(context.Response == null)\" count=\"2\" interval=\"0\"",
                "<forward-request />");
        assertThat(gateway.forwards).hasSize(3);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(context.lastError()).hasValueSatisfying(e -> assertThat(e.reason())
                .isEqualTo("BackendConnectionFailure"));
    }

    @Test
    void should_not_retry_a_pool_with_no_member_left() throws Exception {
        gateway.script("default", FakeGateway.poolExhausted());
        GatewayResponse r = run("condition=\"@(context.Response == null || context.Response.StatusCode >= 500)\""
                + " count=\"2\" interval=\"0\"", "<forward-request />");
        assertThat(gateway.forwards).hasSize(1);
        assertThat(r.statusCode()).isEqualTo(503);
    }

    @Test
    void should_stop_when_the_waiting_thread_is_interrupted() throws Exception {
        gateway.script("default", answer(500, "x"));
        String xml = "<policies><backend><retry " + ON_429_OR_5XX + "count=\"3\" interval=\"1\"><forward-request />"
                + "</retry></backend></policies>";
        Policy.parse(xml, "retry.xml").withSleeper(d -> false).execute(context, gateway);
        assertThat(gateway.forwards).hasSize(1);
    }

    @Test
    void should_wait_as_long_as_the_policy_says_when_it_asks_for_long_backoffs() throws Exception {
        // GIVEN a policy written for production: 10 minutes between attempts, and the real sleeper's own logic
        gateway.script("default", answer(500, "x"));
        List<Long> naps = new ArrayList<>();
        String xml = "<policies><backend><retry " + ON_429_OR_5XX + "count=\"2\" interval=\"600\"><forward-request />"
                + "</retry></backend></policies>";

        // WHEN
        Policy.parse(xml, "retry.xml").withSleeper(Sleeper.napping(naps::add)).execute(context, gateway);

        // THEN each wait is the whole 600 s, uncapped, as APIM waits (docs/apim-gateway.md §2.2)
        assertThat(naps).containsExactly(600_000L, 600_000L);
        assertThat(gateway.forwards).hasSize(3);
    }

    @Test
    void should_sleep_for_real_at_least_the_wait_and_not_at_all_for_none() {
        long start = System.nanoTime();
        assertThat(Sleeper.REAL.sleep(Duration.ofMillis(20))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        assertThat(Sleeper.REAL.sleep(Duration.ZERO)).isTrue();
        assertThat(Sleeper.napping(millis -> {
            throw new InterruptedException();
        }).sleep(Duration.ofSeconds(1))).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }
}
