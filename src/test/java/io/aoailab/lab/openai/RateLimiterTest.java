package io.aoailab.lab.openai;

import io.aoailab.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.lab.openai.RateLimiter.Decision;
import io.aoailab.lab.topology.Topology.Deployment;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T08:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(clock);
    private final Deployment deployment = new Deployment("d", "m", 1_000, 100);

    @Test
    void should_wait_for_the_oldest_calls_holding_enough_tokens_when_tokens_run_out() {
        // GIVEN 400 tokens at t=0, 400 at t=20 s, 200 at t=40 s: the window is full
        assertThat(limiter.acquire(deployment, 400).allowed()).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.acquire(deployment, 400).allowed()).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.acquire(deployment, 200).allowed()).isTrue();

        // WHEN 500 tokens are asked for at t=40 s
        Decision decision = limiter.acquire(deployment, 500);

        // THEN the calls of t=0 and t=20 s must leave first: at t=80 s, 40 s from now
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.limit()).isEqualTo("token");
        assertThat(decision.retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(decision.remainingTokens()).isZero();
    }

    @Test
    void should_ask_for_a_full_window_when_one_request_costs_more_than_the_whole_limit() {
        // WHEN
        Decision decision = limiter.acquire(deployment, 1_001);

        // THEN
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.retryAfter()).isEqualTo(RateLimiter.WINDOW);
    }

    @Test
    void should_keep_each_deployment_in_its_own_window() {
        // GIVEN
        Deployment other = new Deployment("other", "m", 1_000, 100);
        assertThat(limiter.acquire(deployment, 1_000).allowed()).isTrue();

        // WHEN
        Decision decision = limiter.acquire(other, 1_000);

        // THEN
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remainingTokens()).isZero();
        assertThat(decision.remainingRequests()).isEqualTo(99);
    }

    @Test
    void should_cost_input_plus_max_output_tokens_or_the_default_estimate() {
        assertThat(RateLimiter.cost(10, 100)).isEqualTo(110);
        assertThat(RateLimiter.cost(10, null)).isEqualTo(10 + RateLimiter.DEFAULT_OUTPUT_ESTIMATE);
    }
}
