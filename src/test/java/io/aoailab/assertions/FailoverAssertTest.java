package io.aoailab.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.access.CallRecord;
import io.aoailab.assertions.PoolRequests.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailoverAssertTest {
    private static final Instant START = Instant.parse("2025-06-02T09:00:00Z");
    private static final String POOL = "through APIM with openai-java";
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);

    private static CallRecord answer(int status, String region) {
        return new CallRecord("apim[openai-java]", START, "POST", "https://apim.example/openai/v1/responses", status,
                Optional.ofNullable(region), Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(),
                CallRecord.BodySummary.NONE, Optional.empty(), Optional.empty());
    }

    private static Sent served(long atMillis, String region, long latencyMillis) {
        return new Sent(START.plusMillis(atMillis), Duration.ofMillis(latencyMillis), Optional.of(answer(200, region)),
                Optional.empty());
    }

    private static Sent refused(long atMillis, int status, String region, long latencyMillis) {
        return new Sent(START.plusMillis(atMillis), Duration.ofMillis(latencyMillis),
                Optional.of(answer(status, region)), Optional.of(status + " 429 from " + region
                        + ": Rate limit is exceeded. Try again in 3 seconds."));
    }

    private static PoolRequests pool(Sent... sent) {
        return new PoolRequests(POOL, List.of(sent));
    }

    /** {@code count} requests served by {@code region}, {@code apartMillis} apart from {@code fromMillis}. */
    private static List<Sent> servedEvery(long fromMillis, long apartMillis, int count, String region) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(served(fromMillis + i * apartMillis, region, 80));
        }
        return sent;
    }

    @Nested
    class PicksToMeet {
        @Test
        void should_need_ten_picks_to_meet_a_member_of_half_the_pool() {
            // 0.5^10 = 0.00098 <= 0.001 < 0.5^9 = 0.00195
            assertThat(FailoverAssert.picksToMeet(0.5)).isEqualTo(10);
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.01, 0.05, 0.1, 0.2, 0.25, 1.0 / 3, 0.5, 2.0 / 3, 0.75, 0.9, 0.99})
        void should_need_the_fewest_picks_that_pass_over_a_member_with_probability_at_most_the_miss_rate(
                double share) {
            // WHEN
            int picks = FailoverAssert.picksToMeet(share);

            // THEN (1 - w)^n <= MISS_RATE < (1 - w)^(n - 1)
            assertThat(Math.pow(1 - share, picks)).as("passed over by %d picks", picks)
                    .isLessThanOrEqualTo(FailoverAssert.MISS_RATE);
            assertThat(Math.pow(1 - share, picks - 1)).as("passed over by %d picks", picks - 1)
                    .isGreaterThan(FailoverAssert.MISS_RATE);
        }

        @Test
        void should_need_one_pick_to_meet_the_whole_pool() {
            assertThat(FailoverAssert.picksToMeet(1)).isEqualTo(1);
        }

        @Test
        void should_need_more_picks_for_a_smaller_member() {
            assertThat(FailoverAssert.picksToMeet(0.1)).isGreaterThan(FailoverAssert.picksToMeet(0.3))
                    .isEqualTo(66);
        }
    }

    @Nested
    class WasServedAround {
        @Test
        void should_pass_when_every_request_succeeded_from_another_region_within_the_bound() {
            // GIVEN every request served by East US 2, the slowest exactly at the bound
            PoolRequests requests = pool(served(0, "East US 2", 120), served(200, "East US 2", 9_000),
                    served(400, "East US 2", WITHIN.toMillis()));

            // WHEN / THEN
            FailoverAssert.assertThat(requests).wasServedAround("East US", "429", WITHIN, List.of());
        }

        @Test
        void should_pass_when_no_request_was_sent_at_all() {
            FailoverAssert.assertThat(pool()).wasServedAround("East US", "429", WITHIN, List.of());
        }

        @Test
        void should_fail_a_refused_request_that_reached_the_region_once_naming_the_gateways_retry() {
            // GIVEN the third request, sent at 200 ms, refused with East US's 429 after reaching East US once
            PoolRequests requests = pool(served(0, "East US 2", 100), served(100, "East US 2", 100),
                    refused(200, 429, "East US", 40), served(300, "East US 2", 100));
            List<Instant> arrivals = List.of(START.plusMillis(210));

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).wasServedAround("East US", "429", WITHIN,
                    arrivals))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting every request through APIM with openai-java to succeed while"
                            + " East US answers 429,")
                    .hasMessageContaining("but request 3 of 4 was refused: 429 429 from East US: Rate limit is"
                            + " exceeded.")
                    .hasMessageContaining("The gateway did not retry it on another pool member: its retry does not"
                            + " cover 429 (no retry policy in the backend section, or a condition that leaves 429"
                            + " out).")
                    .hasMessageNotContaining("circuit breaker");
        }

        @Test
        void should_fail_a_refused_request_the_region_never_saw_naming_the_gateways_retry() {
            // GIVEN a request refused while East US dropped connections, no arrival recorded for it
            PoolRequests requests = pool(served(0, "East US 2", 100), refused(100, 502, "East US", 40));

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).wasServedAround("East US",
                    "a dropped connection", WITHIN, List.of(START.plusMillis(50), START.plusMillis(141))))
                    .hasMessageContaining("but request 2 of 2 was refused: 502 429 from East US")
                    .hasMessageContaining("its retry does not cover a dropped connection");
        }

        @Test
        void should_fail_a_refused_request_retried_on_the_same_region_naming_the_circuit_breaker() {
            // GIVEN the second request, sent at 100 ms and refused 900 ms later, having reached East US three times
            // (as it was sent, in between, and as it was refused); another arrival before it does not count
            PoolRequests requests = pool(served(0, "East US 2", 100), refused(100, 429, "East US", 900));
            List<Instant> arrivals = List.of(START.plusMillis(99), START.plusMillis(100), START.plusMillis(500),
                    START.plusMillis(1_000));

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).wasServedAround("East US", "429", WITHIN,
                    arrivals))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("but request 2 of 2 was refused: 429 429 from East US")
                    .hasMessageContaining("The gateway retried it, on East US again each time (it reached East US 3"
                            + " times): no circuit breaker on 429 takes the failing member out of the pool (backend"
                            + " circuitBreaker rules covering 429), so retries land on it again.")
                    .hasMessageNotContaining("did not retry");
        }

        @Test
        void should_fail_a_request_answered_by_the_faulty_region_naming_it() {
            // GIVEN the second request answered by the region that is failing
            PoolRequests requests = pool(served(0, "East US 2", 100), served(100, "East US", 100),
                    served(200, "East US 2", 100));

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).wasServedAround("East US", "5xx", WITHIN,
                    List.of()))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting every request through APIM with openai-java to be served by"
                            + " another region while East US answers 5xx,")
                    .hasMessageContaining("but request 2 of 3 was answered by East US.");
        }

        @Test
        void should_fail_a_slow_request_naming_the_bound_and_its_setting() {
            // GIVEN the last request served around the fault, but 500 ms late
            PoolRequests requests = pool(served(0, "East US 2", 100), served(100, "East US 2", 10_500));

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).wasServedAround("East US",
                    "a dropped connection", WITHIN, List.of()))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting every request through APIM with openai-java to be served within"
                            + " 10 s (EXPECTED_FAILOVER_SECONDS) while East US answers a dropped connection,")
                    .hasMessageContaining("but request 2 of 2 took 10.5 s: the gateway's retry waits too long before"
                            + " trying another member (its interval), or tries the failing one again and again.");
        }

        @Test
        void should_report_the_first_request_that_went_wrong() {
            // GIVEN a slow request, then a refused one
            PoolRequests requests = pool(served(0, "East US 2", 12_000), refused(100, 429, "East US", 40));

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).wasServedAround("East US", "429", WITHIN,
                    List.of()))
                    .hasMessageContaining("request 1 of 2 took 12.0 s").hasMessageNotContaining("was refused");
        }
    }

    @Nested
    class LeftAloneBetween {
        private final Instant from = START.plus(RETRY_AFTER.dividedBy(2));
        private final Instant to = START.plus(RETRY_AFTER);

        @Test
        void should_pass_when_the_region_saw_none_of_enough_requests_sent_in_the_later_half_of_its_retry_after() {
            // GIVEN ten requests in [1.5 s, 3 s), enough for a member of half the pool; the region reached before
            // the window and as it closed
            PoolRequests requests = new PoolRequests(POOL, servedEvery(1_500, 150, 10, "East US 2"));
            List<Instant> arrivals = List.of(START, START.plusMillis(1_499), to);

            // WHEN / THEN
            FailoverAssert.assertThat(requests).leftAloneBetween("East US", 0.5, arrivals, from, to, RETRY_AFTER);
        }

        @Test
        void should_fail_when_requests_reached_the_region_in_the_window_naming_the_circuit_breaker() {
            // GIVEN ten requests in the window, two of which reached East US's own resource (one as it opened)
            PoolRequests requests = new PoolRequests(POOL, servedEvery(1_500, 150, 10, "East US 2"));
            List<Instant> arrivals = List.of(START.plusMillis(100), from, START.plusMillis(2_900));

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).leftAloneBetween("East US", 0.5, arrivals,
                    from, to, RETRY_AFTER))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting the pool through APIM with openai-java to leave East US alone"
                            + " until its Retry-After (3.0 s) has passed,")
                    .hasMessageContaining("but 2 requests reached it from 1.5 s into it until it passed (while 10 were"
                            + " sent through the pool meanwhile): the pool keeps sending to a throttled member")
                    .hasMessageContaining("circuit breaker on 429")
                    .hasMessageContaining("(backend circuitBreaker: statusCodeRanges with 429, acceptRetryAfter:"
                            + " true).");
        }

        @Test
        void should_fail_when_too_few_requests_were_sent_in_the_window_to_judge() {
            // GIVEN nine requests in the window (and more outside it, which do not count)
            List<Sent> sent = new ArrayList<>(servedEvery(0, 100, 15, "East US 2"));
            sent.addAll(servedEvery(1_500, 150, 9, "East US 2"));
            sent.addAll(servedEvery(3_000, 100, 5, "East US 2"));
            PoolRequests requests = new PoolRequests(POOL, sent);

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).leftAloneBetween("East US", 0.5, List.of(),
                    from, to, RETRY_AFTER))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting at least 10 requests through APIM with openai-java during East"
                            + " US's Retry-After (from 1.5 s into it until it passed), enough to see whether the pool"
                            + " still picks it,")
                    .hasMessageContaining("but only 9 could be sent: the gateway answered too slowly to judge its"
                            + " circuit breaker.");
        }

        @Test
        void should_need_more_requests_for_a_region_with_a_smaller_share() {
            // GIVEN the ten requests enough for a member of half the pool
            PoolRequests requests = new PoolRequests(POOL, servedEvery(1_500, 150, 10, "East US 2"));

            // WHEN / THEN a member of a quarter needs 25
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).leftAloneBetween("East US", 0.25,
                    List.of(), from, to, RETRY_AFTER))
                    .hasMessageContaining("Expecting at least 25 requests").hasMessageContaining("but only 10");
        }
    }

    @Nested
    class RejoinedBy {
        private final Instant passed = START.plus(RETRY_AFTER);
        private final Duration tolerance = Duration.ofSeconds(10);
        private final Instant deadline = passed.plus(tolerance);

        @Test
        void should_pass_when_the_region_answered_before_the_deadline() {
            // GIVEN East US 2 answering until East US is back, 500 ms after its Retry-After
            PoolRequests requests = pool(served(3_000, "East US 2", 80), served(3_200, "East US 2", 80),
                    served(3_500, "East US", 80));

            // WHEN / THEN
            FailoverAssert.assertThat(requests).rejoinedBy("East US", 0.5, passed, deadline, RETRY_AFTER, tolerance);
        }

        @Test
        void should_pass_when_the_region_answered_a_request_sent_at_the_deadline() {
            PoolRequests requests = pool(served(3_000, "East US 2", 80), served(13_000, "East US", 80));

            FailoverAssert.assertThat(requests).rejoinedBy("East US", 0.5, passed, deadline, RETRY_AFTER, tolerance);
        }

        @Test
        void should_fail_when_enough_requests_went_elsewhere_naming_the_setting_and_the_circuit_breaker() {
            // GIVEN twelve requests in the time allowed, none answered by East US; one after the deadline was
            List<Sent> sent = new ArrayList<>(servedEvery(3_000, 800, 12, "East US 2"));
            sent.add(served(13_001, "East US", 80));
            PoolRequests requests = new PoolRequests(POOL, sent);

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).rejoinedBy("East US", 0.5, passed, deadline,
                    RETRY_AFTER, tolerance))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting East US to serve through APIM with openai-java again within its"
                            + " Retry-After (3.0 s) plus 10 s (EXPECTED_REJOIN_SECONDS),")
                    .hasMessageContaining("but none of the 12 requests sent in that time was answered by it (a member"
                            + " with its intended 50% share would be passed over by 10 picks with probability at most"
                            + " 0.001)")
                    .hasMessageContaining("the pool's circuit breaker keeps it out longer than the Retry-After it was"
                            + " given (acceptRetryAfter: false, with a tripDuration beyond it)");
        }

        @Test
        void should_not_count_the_regions_own_refusal_as_serving_again() {
            // GIVEN East US refusing with 429 in the time allowed, the other requests served by East US 2
            List<Sent> sent = new ArrayList<>(servedEvery(3_000, 800, 11, "East US 2"));
            sent.add(refused(12_000, 429, "East US", 40));
            PoolRequests requests = new PoolRequests(POOL, sent);

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).rejoinedBy("East US", 0.5, passed, deadline,
                    RETRY_AFTER, tolerance))
                    .hasMessageContaining("EXPECTED_REJOIN_SECONDS")
                    .hasMessageContaining("none of the 12 requests sent in that time was answered by it");
        }

        @Test
        void should_fail_when_too_few_requests_were_sent_to_judge() {
            // GIVEN four requests in the time allowed, none answered by East US
            PoolRequests requests = new PoolRequests(POOL, servedEvery(3_000, 2_500, 4, "East US 2"));

            // WHEN / THEN
            assertThatThrownBy(() -> FailoverAssert.assertThat(requests).rejoinedBy("East US", 0.5, passed, deadline,
                    RETRY_AFTER, tolerance))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting at least 10 requests through APIM with openai-java between the"
                            + " end of East US's Retry-After and 10 s later, enough to see whether the pool took it"
                            + " back,")
                    .hasMessageContaining("but only 4 could be sent: the gateway answered too slowly to judge.");
        }
    }

    @Test
    void should_chain_the_checks_of_one_run() {
        // GIVEN ten requests in the later half of the Retry-After, all served by East US 2, none reaching East US
        PoolRequests requests = new PoolRequests(POOL, servedEvery(1_500, 150, 10, "East US 2"));

        // WHEN / THEN
        FailoverAssert.assertThat(requests).wasServedAround("East US", "429", WITHIN, List.of())
                .leftAloneBetween("East US", 0.5, List.of(), START.plusMillis(1_500), START.plus(RETRY_AFTER),
                        RETRY_AFTER);
    }

    @Test
    void should_fail_on_no_requests_at_all() {
        assertThatThrownBy(() -> FailoverAssert.assertThat((PoolRequests) null).wasServedAround("East US", "429",
                WITHIN, List.of())).isInstanceOf(AssertionError.class);
    }
}
