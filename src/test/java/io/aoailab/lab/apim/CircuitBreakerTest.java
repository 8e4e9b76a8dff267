package io.aoailab.lab.apim;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.lab.topology.ApimSpec.CircuitBreakerRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static CircuitBreaker breaker(int count, String interval, String trip, boolean acceptRetryAfter) {
        return new CircuitBreaker(new CircuitBreakerRule(count, interval, List.of(List.of(429, 429), List.of(500, 599)),
                true, trip, acceptRetryAfter));
    }

    @Test
    void should_open_when_failures_reach_the_count_within_the_interval() {
        CircuitBreaker breaker = breaker(3, "PT1M", "PT30S", false);

        breaker.record(429, Optional.empty(), T0);
        breaker.record(503, Optional.empty(), T0.plusSeconds(10));
        assertThat(breaker.isOpen(T0.plusSeconds(10))).isFalse();
        breaker.record(500, Optional.empty(), T0.plusSeconds(20));

        assertThat(breaker.isOpen(T0.plusSeconds(20))).isTrue();
        assertThat(breaker.isOpen(T0.plusSeconds(49))).isTrue();
        assertThat(breaker.isOpen(T0.plusSeconds(50))).isFalse();
    }

    @Test
    void should_forget_failures_older_than_the_interval() {
        CircuitBreaker breaker = breaker(2, "PT1M", "PT30S", false);

        breaker.record(429, Optional.empty(), T0);
        breaker.record(429, Optional.empty(), T0.plusSeconds(61));

        assertThat(breaker.isOpen(T0.plusSeconds(61))).isFalse();
    }

    @Test
    void should_ignore_answers_outside_the_status_ranges() {
        CircuitBreaker breaker = breaker(1, "PT1M", "PT30S", false);

        breaker.record(404, Optional.empty(), T0);
        breaker.record(200, Optional.empty(), T0);

        assertThat(breaker.isOpen(T0)).isFalse();
    }

    @Test
    void should_stay_open_for_exactly_the_retry_after_when_accepted_longer_or_shorter_than_the_trip() {
        CircuitBreaker longer = breaker(1, "PT1M", "PT10S", true);
        CircuitBreaker shorter = breaker(1, "PT1M", "PT10S", true);
        CircuitBreaker ignoring = breaker(1, "PT1M", "PT10S", false);

        longer.record(429, Optional.of(Duration.ofSeconds(40)), T0);
        shorter.record(429, Optional.of(Duration.ofSeconds(3)), T0);
        ignoring.record(429, Optional.of(Duration.ofSeconds(40)), T0);

        assertThat(longer.isOpen(T0.plusSeconds(39).plusMillis(999))).isTrue();
        assertThat(longer.isOpen(T0.plusSeconds(40))).isFalse();
        assertThat(shorter.isOpen(T0.plusSeconds(2).plusMillis(999))).isTrue();
        assertThat(shorter.isOpen(T0.plusSeconds(3))).isFalse();
        assertThat(ignoring.isOpen(T0.plusSeconds(9))).isTrue();
        assertThat(ignoring.isOpen(T0.plusSeconds(10))).isFalse();
    }

    @Test
    void should_stay_open_for_the_trip_duration_when_an_accepting_rule_gets_no_retry_after() {
        CircuitBreaker breaker = breaker(1, "PT1M", "PT10S", true);

        breaker.record(503, Optional.empty(), T0);

        assertThat(breaker.isOpen(T0.plusSeconds(9))).isTrue();
        assertThat(breaker.isOpen(T0.plusSeconds(10))).isFalse();
    }

    @Test
    void should_stay_open_however_the_backend_answers_until_the_trip_has_passed() {
        CircuitBreaker breaker = breaker(1, "PT1M", "PT10S", false);
        breaker.record(500, Optional.empty(), T0);

        // answers that are no failures (a request let through elsewhere, a late answer) close nothing
        breaker.record(200, Optional.empty(), T0.plusSeconds(5));

        assertThat(breaker.isOpen(T0.plusSeconds(9))).isTrue();
        assertThat(breaker.trips()).isEqualTo(1);
    }

    @Test
    void should_count_an_answer_that_never_came_only_when_the_rule_counts_connection_failures() {
        CircuitBreaker counting = breaker(1, "PT1M", "PT10S", false);
        CircuitBreaker notCounting = new CircuitBreaker(new CircuitBreakerRule(1, "PT1M",
                List.of(List.of(500, 599)), false, "PT10S", false));

        counting.recordNoAnswer(T0);
        notCounting.recordNoAnswer(T0);

        assertThat(counting.isOpen(T0)).isTrue();
        assertThat(counting.trips()).isEqualTo(1);
        assertThat(notCounting.isOpen(T0)).isFalse();
    }
}
