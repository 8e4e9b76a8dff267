package io.aoailab.assertions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * What a pool must do while a region throttles, fails or drops connections, and after: serve every request from
 * another region promptly (the gateway's retry, on the right statuses, at a short interval), leave a throttled region
 * alone until its Retry-After has passed (a circuit breaker that accepts Retry-After), and take it back then. Each
 * failure names the part of the gateway that is missing, in APIM's terms (docs/apim-gateway.md §1, §2.2).
 *
 * <p>Where a check rests on which member a pool happens to pick, it requires enough requests that a pool doing the
 * wrong thing would show it with probability at least 1 − {@link #MISS_RATE}: a member with intended share w is
 * passed over by n independent picks with probability (1 − w)^n, so n = ⌈ln(MISS_RATE) / ln(1 − w)⌉ (10 for a
 * 50/50 pool); a round-robin pool picks it even more surely.
 */
public final class FailoverAssert extends AbstractAssert<FailoverAssert, PoolRequests> {
    /** The highest probability with which a check that depends on the pool's picks may miss what it checks. */
    public static final double MISS_RATE = 0.001;

    private FailoverAssert(PoolRequests requests) {
        super(requests, FailoverAssert.class);
    }

    public static FailoverAssert assertThat(PoolRequests requests) {
        return new FailoverAssert(requests);
    }

    /** How many picks make a pool pass over a member of share {@code share} with probability at most {@link #MISS_RATE}. */
    public static int picksToMeet(double share) {
        return share >= 1 ? 1 : (int) Math.ceil(Math.log(MISS_RATE) / Math.log(1 - share));
    }

    /**
     * Every request succeeded, answered by a region other than {@code region}, within {@code within}. A refused
     * request is told apart by how often it reached the region (requests are sent one at a time): once, the gateway
     * did not retry it; more often, it retried on the same member, as nothing took that member out of the pool.
     *
     * @param fault what the region answered, as the retry condition must name it: "429", "5xx", "a dropped connection"
     * @param arrivals when requests reached the region's own resource (the operator's view)
     */
    public FailoverAssert wasServedAround(String region, String fault, Duration within, List<Instant> arrivals) {
        isNotNull();
        List<PoolRequests.Sent> requests = actual.requests();
        for (int i = 0; i < requests.size(); i++) {
            PoolRequests.Sent sent = requests.get(i);
            if (!sent.succeeded()) {
                Instant end = sent.at().plus(sent.latency());
                long reached = arrivals.stream().filter(at -> !at.isBefore(sent.at()) && !at.isAfter(end)).count();
                String cause = reached > 1
                        ? String.format("The gateway retried it, on %s again each time (it reached %s %d times): no"
                                + " circuit breaker on %s takes the failing member out of the pool (backend"
                                + " circuitBreaker rules covering %s), so retries land on it again.", region, region,
                                reached, fault, fault)
                        : String.format("The gateway did not retry it on another pool member: its retry does not cover"
                                + " %s (no retry policy in the backend section, or a condition that leaves %s out).",
                                fault, fault);
                failWithMessage("%nExpecting every request %s to succeed while %s answers %s,%nbut request %d of %d"
                        + " was refused: %s%n%s", actual.path(), region, fault, i + 1, requests.size(),
                        sent.refusal().orElseThrow(), cause);
            }
            if (sent.answeredBy().equals(region)) {
                failWithMessage("%nExpecting every request %s to be served by another region while %s answers %s,"
                        + "%nbut request %d of %d was answered by %s.", actual.path(), region, fault, i + 1,
                        requests.size(), region);
            }
            if (sent.latency().compareTo(within) > 0) {
                failWithMessage("%nExpecting every request %s to be served within %s s (EXPECTED_FAILOVER_SECONDS)"
                        + " while %s answers %s,%nbut request %d of %d took %s s: the gateway's retry waits too long"
                        + " before trying another member (its interval), or tries the failing one again and again.",
                        actual.path(), within.toSeconds(), region, fault, i + 1, requests.size(),
                        seconds(sent.latency()));
            }
        }
        return myself;
    }

    /**
     * The region's own resource saw none of the requests sent in {@code [from, to)}, the later part of the
     * Retry-After it gave ({@code to} is when it passes), and enough were sent then for a pool that still picked it to
     * show it.
     *
     * @param arrivals when requests reached the region's own resource (the operator's view)
     * @param share the region's intended share of the pool
     */
    public FailoverAssert leftAloneBetween(String region, double share, List<Instant> arrivals, Instant from,
            Instant to, Duration retryAfter) {
        isNotNull();
        String window = "from " + seconds(retryAfter.minus(Duration.between(from, to))) + " s into it until it passed";
        int sent = actual.sentBetween(from, to).size();
        long reached = arrivals.stream().filter(at -> !at.isBefore(from) && at.isBefore(to)).count();
        if (reached > 0) {
            failWithMessage("%nExpecting the pool %s to leave %s alone until its Retry-After (%s s) has passed,%nbut"
                    + " %d requests reached it %s (while %d were sent through the pool meanwhile):"
                    + " the pool keeps sending to a throttled member, as no circuit breaker on 429 takes it out until"
                    + " its Retry-After has passed (backend circuitBreaker: statusCodeRanges with 429,"
                    + " acceptRetryAfter: true).", actual.path(), region, seconds(retryAfter), reached, window, sent);
        }
        int needed = picksToMeet(share);
        if (sent < needed) {
            failWithMessage("%nExpecting at least %d requests %s during %s's Retry-After (%s), enough to see"
                    + " whether the pool still picks it,%nbut only %d could be sent: the gateway answered too slowly"
                    + " to judge its circuit breaker.", needed, actual.path(), region, window, sent);
        }
        return myself;
    }

    /**
     * A request sent no later than {@code deadline} was answered by {@code region}, the Retry-After it gave having
     * passed; if none was, enough were sent after the Retry-After for a pool that had taken it back to show it.
     */
    public FailoverAssert rejoinedBy(String region, double share, Instant retryAfterPassed, Instant deadline,
            Duration retryAfter, Duration tolerance) {
        isNotNull();
        boolean rejoined = actual.requests().stream().anyMatch(s -> s.succeeded() && s.answeredBy().equals(region)
                && !s.at().isBefore(retryAfterPassed) && !s.at().isAfter(deadline));
        if (!rejoined) {
            int sent = actual.sentBetween(retryAfterPassed, deadline.plusNanos(1)).size();
            if (sent < picksToMeet(share)) {
                failWithMessage("%nExpecting at least %d requests %s between the end of %s's Retry-After and %s s"
                        + " later, enough to see whether the pool took it back,%nbut only %d could be sent: the"
                        + " gateway answered too slowly to judge.", picksToMeet(share), actual.path(), region,
                        tolerance.toSeconds(), sent);
            }
            failWithMessage("%nExpecting %s to serve %s again within its Retry-After (%s s) plus %s s"
                    + " (EXPECTED_REJOIN_SECONDS),%nbut none of the %d requests sent in that time was answered by it"
                    + " (a member with its intended %s share would be passed over by %d picks with probability at most"
                    + " %s): the pool's circuit breaker keeps it out longer than the Retry-After it was given"
                    + " (acceptRetryAfter: false, with a tripDuration beyond it), or the member left the pool.",
                    region, actual.path(), seconds(retryAfter), tolerance.toSeconds(), sent, percent(share),
                    picksToMeet(share), MISS_RATE);
        }
        return myself;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
