package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.KEYS;
import static io.aoailab.lab.openai.OpenAiLab.TINY;
import static io.aoailab.lab.openai.OpenAiLab.TINY_REQUESTS_PER_MINUTE;
import static io.aoailab.lab.openai.OpenAiLab.TINY_TOKENS_PER_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.testing.Answer;
import java.time.Duration;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tiny deployment's limits (3 requests, 2,500 tokens a minute) over the sliding window, on the lab's clock
 * (docs/azure-facts.md §3.5 body, §2 headers; cost rule in {@link RateLimiter}).
 */
class OpenAiAccountRateLimitTest {
    @RegisterExtension
    static final OpenAiLab LAB = new OpenAiLab();

    static final String CREATE = "/openai/responses?api-version=2025-03-01-preview";
    static final String SMALL = "{\"model\":\"" + TINY + "\",\"input\":\"Hi\",\"max_output_tokens\":16}";

    @BeforeEach
    void let_every_earlier_call_leave_the_window() {
        LAB.clock().advance(Duration.ofMinutes(2));
    }

    @Test
    void should_answer_call_rate_limit_with_the_wait_until_the_oldest_call_leaves_when_requests_run_out() {
        // GIVEN the window's three calls, the first 10 s before the others
        assertThat(create(SMALL).status()).isEqualTo(200);
        LAB.clock().advance(Duration.ofSeconds(10));
        assertThat(create(SMALL).status()).isEqualTo(200);
        assertThat(create(SMALL).status()).isEqualTo(200);

        // WHEN
        Answer throttled = create(SMALL);

        // THEN
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("retry-after")).isEqualTo("50");
        assertThat(throttled.header("retry-after-ms")).isEqualTo("50000");
        assertThat(throttled.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(throttled.header("x-ratelimit-limit-requests")).isEqualTo(Integer.toString(TINY_REQUESTS_PER_MINUTE));
        assertThat(throttled.header("x-ms-deployment-name")).isEqualTo(TINY);
        assertThat(throttled.body()).isEqualTo("{\"error\":{\"code\":\"429\",\"message\":\"Requests to the "
                + "Responses_Create Operation under Azure OpenAI API version 2025-03-01-preview have exceeded call rate "
                + "limit of your current OpenAI S0 pricing tier. Please retry after 50 seconds. Please go here: "
                + "https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.\"}}");
    }

    @Test
    void should_serve_again_when_the_oldest_call_has_left_the_window() {
        // GIVEN
        for (int i = 0; i < TINY_REQUESTS_PER_MINUTE; i++) {
            assertThat(create(SMALL).status()).isEqualTo(200);
        }
        assertThat(create(SMALL).status()).isEqualTo(429);

        // WHEN
        LAB.clock().advance(Duration.ofSeconds(60));

        // THEN
        assertThat(create(SMALL).status()).isEqualTo(200);
    }

    @Test
    void should_answer_token_rate_limit_when_the_estimated_tokens_do_not_fit() {
        // GIVEN 2,000 of the 2,500 tokens reserved by max_output_tokens
        Answer first = create("{\"model\":\"" + TINY + "\",\"input\":\"Hi\",\"max_output_tokens\":2000}");
        assertThat(first.status()).isEqualTo(200);
        int cost = new TokenCounter().count("Hi") + 2000;
        assertThat(first.header("x-ratelimit-remaining-tokens")).isEqualTo(Integer.toString(TINY_TOKENS_PER_MINUTE - cost));
        assertThat(first.header("x-ratelimit-remaining-requests")).isEqualTo(Integer.toString(TINY_REQUESTS_PER_MINUTE - 1));
        LAB.clock().advance(Duration.ofSeconds(15));

        // WHEN
        Answer throttled = create("{\"model\":\"" + TINY + "\",\"input\":\"Hi\",\"max_output_tokens\":1000}");

        // THEN
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("retry-after")).isEqualTo("45");
        assertThat(throttled.body()).contains("have exceeded token rate limit", "Please retry after 45 seconds.");
    }

    @Test
    void should_estimate_output_with_the_default_when_max_output_tokens_is_absent() {
        // WHEN
        Answer answer = create("{\"model\":\"" + TINY + "\",\"input\":\"Hi\"}");

        // THEN
        int cost = new TokenCounter().count("Hi") + RateLimiter.DEFAULT_OUTPUT_ESTIMATE;
        assertThat(answer.header("x-ratelimit-remaining-tokens"))
                .isEqualTo(Integer.toString(TINY_TOKENS_PER_MINUTE - cost));
    }

    @Test
    void should_name_no_api_version_when_a_v1_call_without_one_is_throttled() {
        // GIVEN
        for (int i = 0; i < TINY_REQUESTS_PER_MINUTE; i++) {
            create(SMALL);
        }

        // WHEN
        Answer throttled = LAB.send(LAB.request(KEYS, "/openai/v1/responses").header("api-key", LAB.key(KEYS))
                .post(RequestBody.create(SMALL, OpenAiLab.JSON)).build());

        // THEN the wording of the Responses capture in docs/azure-facts.md §3.5
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).contains("Requests to the Responses_Create Operation under Azure OpenAI API have "
                + "exceeded call rate limit");
    }

    @Test
    void should_not_count_refused_requests_against_the_limit() {
        // GIVEN a full window, then two refused calls 30 s later
        for (int i = 0; i < TINY_REQUESTS_PER_MINUTE; i++) {
            assertThat(create(SMALL).status()).isEqualTo(200);
        }
        LAB.clock().advance(Duration.ofSeconds(30));
        assertThat(create(SMALL).status()).isEqualTo(429);
        assertThat(create(SMALL).status()).isEqualTo(429);

        // WHEN the served calls leave the window, while the refused ones would still be in it had they counted
        LAB.clock().advance(Duration.ofSeconds(30));

        // THEN
        for (int i = 0; i < TINY_REQUESTS_PER_MINUTE; i++) {
            assertThat(create(SMALL).status()).isEqualTo(200);
        }
    }

    private static Answer create(String json) {
        return LAB.send(LAB.request(KEYS, CREATE).header("api-key", LAB.key(KEYS))
                .post(RequestBody.create(json, OpenAiLab.JSON)).build());
    }
}
