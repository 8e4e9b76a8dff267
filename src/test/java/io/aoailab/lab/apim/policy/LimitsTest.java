package io.aoailab.lab.apim.policy;

import static io.aoailab.lab.apim.policy.FakeGateway.answer;
import static io.aoailab.lab.apim.policy.FakeGateway.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** rate-limit-by-key, the token limits and the token metrics (docs/apim-gateway.md §2.8-§2.10). */
class LimitsTest {
    private static final String RESPONSES_USAGE = "{\"id\":\"resp_1\",\"usage\":{\"input_tokens\":30,"
            + "\"output_tokens\":70,\"total_tokens\":100}}";
    private final FakeGateway gateway = new FakeGateway().script("default", answer(200, RESPONSES_USAGE));
    private PolicyContext context;

    private GatewayResponse call(Policy policy) {
        context = FakeGateway.context(FakeGateway.request("POST", "/responses",
                "{\"model\":\"gpt-4o\",\"instructions\":\"Be brief.\",\"input\":\"Say hello to the lab\"}"));
        return policy.execute(context, gateway);
    }

    @Test
    void should_answer_429_with_retry_after_when_rate_limit_by_key_is_exceeded() throws Exception {
        // GIVEN 2 calls per 60 s
        Policy policy = Policy.parse("""
                <policies><inbound>
                  <rate-limit-by-key calls="2" renewal-period="60" counter-key="@(context.Subscription.Id)"
                      remaining-calls-header-name="x-remaining" remaining-calls-variable-name="remaining"
                      total-calls-header-name="x-total" retry-after-variable-name="wait" />
                </inbound><backend><base /></backend></policies>""", "rl.xml");

        // WHEN three calls, 10 s apart
        GatewayResponse first = call(policy);
        gateway.clock.advance(Duration.ofSeconds(10));
        call(policy);
        gateway.clock.advance(Duration.ofSeconds(10));
        GatewayResponse third = call(policy);

        // THEN the first passes with the counters, the third is refused until the first call leaves the window
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().first("x-remaining")).contains("1");
        assertThat(first.headers().first("x-total")).contains("2");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().first("Retry-After")).contains("40");
        assertThat(third.headers().first("Content-Type")).contains("application/json");
        assertThat(text(third)).isEqualTo("{ \"statusCode\": 429, \"message\": \"Rate limit is exceeded. Try again "
                + "in 40 seconds.\" }");
        assertThat(context.lastError()).hasValueSatisfying(e -> {
            assertThat(e.source()).isEqualTo("rate-limit-by-key");
            assertThat(e.reason()).isEqualTo("RateLimitExceeded");
            assertThat(e.message()).isEqualTo("Rate limit is exceeded");
        });
        assertThat(context.variables()).containsEntry("wait", 40).containsEntry("remaining", 0);
        assertThat(gateway.forwards).hasSize(2);

        // AND after the window slides, calls pass again
        gateway.clock.advance(Duration.ofSeconds(41));
        assertThat(call(policy).statusCode()).isEqualTo(200);
    }

    @Test
    void should_count_only_matching_answers_when_increment_condition_is_given() throws Exception {
        // GIVEN 1 call per minute counted only on 200, and a backend that fails first
        gateway.script("default", answer(500, "x"), answer(200, "ok"));
        Policy policy = Policy.parse("""
                <policies><inbound>
                  <rate-limit-by-key calls="1" renewal-period="60" counter-key="k"
                      increment-condition="@(context.Response.StatusCode == 200)" />
                </inbound><backend><base /></backend></policies>""", "rl.xml");

        // WHEN / THEN the 500 is not counted, the 200 is
        assertThat(call(policy).statusCode()).isEqualTo(500);
        assertThat(call(policy).statusCode()).isEqualTo(200);
        assertThat(call(policy).statusCode()).isEqualTo(429);
    }

    @Test
    void should_let_on_error_reshape_the_rate_limit_answer_when_it_handles_rate_limit_exceeded() throws Exception {
        Policy policy = Policy.parse("""
                <policies><inbound>
                  <rate-limit-by-key calls="1" renewal-period="10" counter-key="k" retry-after-header-name="x-wait" />
                </inbound><backend><base /></backend>
                <on-error><choose><when condition="@(context.LastError.Reason == "RateLimitExceeded")">
                  <set-header name="x-handled"><value>@(context.Response.StatusCode.ToString())</value></set-header>
                </when></choose></on-error></policies>""", "rl.xml");
        call(policy);
        GatewayResponse refused = call(policy);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().first("x-handled")).contains("429");
        assertThat(refused.headers().first("x-wait")).contains("10");
        assertThat(refused.headers().contains("Retry-After")).isFalse();
    }

    @Test
    void should_block_later_requests_when_reported_usage_used_up_tokens_per_minute() throws Exception {
        // GIVEN 150 tokens per minute without estimates: the first 100-token answer fits, the second overshoots
        Policy policy = Policy.parse("""
                <policies><inbound>
                  <azure-openai-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="150"
                      estimate-prompt-tokens="false" remaining-tokens-header-name="x-remaining-tokens"
                      tokens-consumed-header-name="x-consumed" remaining-tokens-variable-name="left"
                      tokens-consumed-variable-name="consumed" />
                </inbound><backend><base /></backend></policies>""", "tl.xml");

        // WHEN
        GatewayResponse first = call(policy);
        gateway.clock.advance(Duration.ofSeconds(15));
        GatewayResponse second = call(policy);
        gateway.clock.advance(Duration.ofSeconds(15));
        GatewayResponse third = call(policy);

        // THEN
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().first("x-consumed")).contains("100");
        assertThat(first.headers().first("x-remaining-tokens")).contains("50");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().first("Retry-After")).contains("30");
        assertThat(text(third)).isEqualTo("{ \"statusCode\": 429, \"message\": \"Token limit is exceeded. Try again "
                + "in 30 seconds.\" }");
        assertThat(context.lastError()).hasValueSatisfying(e -> assertThat(e.source())
                .isEqualTo("azure-openai-token-limit"));
        assertThat(gateway.forwards).hasSize(2);
    }

    @Test
    void should_refuse_a_prompt_too_large_for_the_budget_when_prompt_tokens_are_estimated() throws Exception {
        Policy policy = Policy.parse("""
                <policies><inbound>
                  <llm-token-limit counter-key="k" tokens-per-minute="3" estimate-prompt-tokens="true"
                      retry-after-header-name="x-retry" retry-after-variable-name="retry" />
                </inbound><backend><base /></backend></policies>""", "tl.xml");
        GatewayResponse r = call(policy);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().first("x-retry")).contains("60");
        assertThat(context.variables()).containsEntry("retry", 60);
        assertThat(gateway.forwards).isEmpty();
    }

    @Test
    void should_estimate_prompt_tokens_of_responses_and_chat_bodies_when_asked() {
        long responses = TokenUsage.estimatePrompt(("{\"instructions\":\"Be brief.\",\"input\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"Say hello to the lab\"}]}]}").getBytes());
        long chat = TokenUsage.estimatePrompt(("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Say hello to the lab\"}]}").getBytes());
        assertThat(responses).isEqualTo(TokenUsage.count("Be brief.") + TokenUsage.count("Say hello to the lab"));
        assertThat(chat).isEqualTo(responses);
        assertThat(responses).isBetween(5L, 15L);
    }

    @Test
    void should_answer_403_when_the_llm_token_quota_is_used_up() throws Exception {
        Policy policy = Policy.parse("""
                <policies><inbound>
                  <llm-token-limit counter-key="k" estimate-prompt-tokens="false" token-quota="150"
                      token-quota-period="Hourly" remaining-quota-tokens-header-name="x-quota-left" />
                </inbound><backend><base /></backend></policies>""", "tl.xml");
        GatewayResponse first = call(policy);
        call(policy);
        GatewayResponse third = call(policy);
        assertThat(first.headers().first("x-quota-left")).contains("50");
        assertThat(third.statusCode()).isEqualTo(403);
        assertThat(text(third)).startsWith("{ \"statusCode\": 403, \"message\": \"Token quota is exceeded.");
        assertThat(context.lastError()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo("TokenQuotaExceeded"));
    }

    @Test
    void should_emit_total_prompt_and_completion_tokens_when_the_backend_reports_usage() throws Exception {
        Policy policy = Policy.parse("""
                <policies><inbound>
                  <azure-openai-emit-token-metric namespace="openai">
                    <dimension name="Subscription ID" />
                    <dimension name="API ID" />
                    <dimension name="Client IP" value="@(context.Request.IpAddress)" />
                  </azure-openai-emit-token-metric>
                </inbound><backend><base /></backend></policies>""", "m.xml");
        call(policy);
        assertThat(gateway.metrics).extracting(FakeGateway.Metric::name, FakeGateway.Metric::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Total Tokens", 100.0),
                        org.assertj.core.groups.Tuple.tuple("Prompt Tokens", 30.0),
                        org.assertj.core.groups.Tuple.tuple("Completion Tokens", 70.0));
        assertThat(gateway.metrics.get(0).namespace()).isEqualTo("openai");
        assertThat(gateway.metrics.get(0).dimensions()).containsEntry("Subscription ID", "sub-1")
                .containsEntry("API ID", "openai").containsEntry("Client IP", "203.0.113.7");
    }

    @Test
    void should_read_chat_completions_usage_and_default_namespace_when_llm_metric_is_used() throws Exception {
        gateway.script("default", answer(200, "{\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,"
                + "\"total_tokens\":12}}"));
        Policy policy = Policy.parse("<policies><inbound><llm-emit-token-metric><dimension name=\"Location\" />"
                + "</llm-emit-token-metric></inbound><backend><base /></backend></policies>", "m.xml");
        call(policy);
        assertThat(gateway.metrics).extracting(FakeGateway.Metric::value).containsExactly(12.0, 5.0, 7.0);
        assertThat(gateway.metrics.get(0).namespace()).isEqualTo("API Management");
        assertThat(gateway.metrics.get(0).dimensions()).containsEntry("Location", "West Europe");
    }

    @Test
    void should_charge_and_measure_a_stream_once_it_has_passed_through_without_holding_it_back() throws Exception {
        // GIVEN a streamed answer whose last event reports its usage, behind a token limit and a token metric
        gateway.script("default", FakeGateway.streamed(200, "event: response.output_text.delta\n"
                + "data: {\"type\":\"response.output_text.delta\",\"delta\":\"Hello\"}\n\n"
                + "event: response.completed\n"
                + "data: {\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":30,"
                + "\"output_tokens\":70,\"total_tokens\":100}}}\n\n", "Content-Type", "text/event-stream"));
        Policy policy = Policy.parse("""
                <policies><inbound>
                  <llm-token-limit counter-key="k" tokens-per-minute="1000" estimate-prompt-tokens="false"
                      remaining-tokens-header-name="x-remaining-tokens" tokens-consumed-header-name="x-consumed" />
                  <llm-emit-token-metric namespace="openai"><dimension name="Subscription ID" /></llm-emit-token-metric>
                </inbound><backend><forward-request buffer-response="false" /></backend></policies>""", "s.xml");
        context = FakeGateway.context(FakeGateway.request("POST", "/responses",
                "{\"model\":\"gpt-4o\",\"input\":\"Say hello\",\"stream\":true}"));

        // WHEN the policy has run: the headers are ready, the body not yet passed on
        GatewayResponse answer = policy.execute(context, gateway);

        // THEN nothing read the body: it is still a stream, and neither charged nor measured yet
        assertThat(answer.stream()).isPresent();
        assertThat(gateway.metrics).isEmpty();
        assertThat(answer.headers().first("x-remaining-tokens")).contains("1000");
        assertThat(answer.headers().contains("x-consumed")).isFalse();

        // WHEN it passes through to the client
        java.io.ByteArrayOutputStream client = new java.io.ByteArrayOutputStream();
        answer.stream().orElseThrow().transferTo(client);

        // THEN the client got all of it, and the usage of its last event was measured and charged
        assertThat(client.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("response.completed");
        assertThat(gateway.metrics).extracting(FakeGateway.Metric::name, FakeGateway.Metric::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Total Tokens", 100.0),
                        org.assertj.core.groups.Tuple.tuple("Prompt Tokens", 30.0),
                        org.assertj.core.groups.Tuple.tuple("Completion Tokens", 70.0));
        assertThat(gateway.counters.remaining("llm-token-limit\u0000k", 1000, Duration.ofMinutes(1))).isEqualTo(900);
    }

    @Test
    void should_take_usage_from_the_completed_event_when_the_response_is_a_stream() {
        GatewayResponse stream = FakeGateway.response(200, "event: response.output_text.delta\n"
                + "data: {\"type\":\"response.output_text.delta\",\"delta\":\"Hello\"}\n\n"
                + "event: response.completed\n"
                + "data: {\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":3,"
                + "\"output_tokens\":4,\"total_tokens\":7}}}\n\n", "Content-Type", "text/event-stream");
        GatewayResponse noUsage = FakeGateway.response(200, "data: {\"choices\":[{\"delta\":{\"content\":"
                + "\"Hello world\"}}]}\n\ndata: [DONE]\n\n", "Content-Type", "text/event-stream");
        assertThat(TokenUsage.of(stream, 0)).contains(new TokenUsage.Usage(3, 4, 7));
        assertThat(TokenUsage.of(noUsage, 10)).hasValueSatisfying(u -> {
            assertThat(u.prompt()).isEqualTo(10);
            assertThat(u.completion()).isEqualTo(TokenUsage.count("Hello world"));
        });
        assertThat(TokenUsage.of(FakeGateway.response(200, "not json"), 0)).isEmpty();
    }
}
