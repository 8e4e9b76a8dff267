package io.aoailab.target;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an operator would do to a deployment, by <em>intended region</em> ({@code EXPECTED_REGION_n}): throttle it,
 * fail it, slow it, cut it off. A scenario never names an account: the target maps the region to the resource the
 * configuration says serves it. The lab does so with its fault control; live Azure offers no operator, so a test
 * that takes one is skipped there with the reason. What a test injects is undone after it.
 *
 * <pre>{@code
 * @Test
 * void fails_over_when_a_region_throttles(AccessPath apim, Operator operator) {
 *     operator.throttle("East US", Duration.ofSeconds(2), Operator.Budget.requests(3));
 *     ...
 * }
 * }</pre>
 */
public interface Operator {

    /** The region answers 429 with {@code Retry-After}, as a throttled deployment does. */
    void throttle(String region, Duration retryAfter, Budget budget);

    /** The region answers a server error (500-599). */
    void fail(String region, int status, Budget budget);

    /** The region answers, but only after {@code delay}. */
    void slow(String region, Duration delay, Budget budget);

    /** The region closes connections without an answer. */
    void drop(String region, Budget budget);

    /**
     * When Responses API requests reached the region's own resource, oldest first (the most recent thousand or so),
     * whatever it answered, injected faults included: what an operator reads from the resource's request metrics, and
     * how a test sees where a gateway sent what.
     */
    List<Instant> arrivals(String region);

    /**
     * The header names, lower case, of the latest Responses API request that reached the region's own resource
     * (empty if none did): what the resource's diagnostics show of what a gateway passed on, never a value.
     */
    Set<String> headerNamesOfLatest(String region);

    /**
     * How long an operator action lasts: the region's next {@code requests} requests, or every request for
     * {@code duration}.
     *
     * @param requests a number of requests, or 0 for a duration
     * @param duration a duration, or zero for a number of requests
     */
    record Budget(int requests, Duration duration) {
        public Budget {
            if ((requests > 0) == !duration.isZero() || requests < 0 || duration.isNegative()) {
                throw new IllegalArgumentException("a budget is a number of requests or a duration, not both or"
                        + " neither: " + requests + " requests, " + duration);
            }
        }

        public static Budget requests(int count) {
            return new Budget(count, Duration.ZERO);
        }

        public static Budget lasting(Duration duration) {
            return new Budget(0, duration);
        }

        @Override
        public String toString() {
            return requests > 0 ? "for " + requests + (requests == 1 ? " request" : " requests")
                    : "for " + duration.toString().substring(2).toLowerCase(Locale.ROOT);
        }
    }
}
