package io.aoailab.lab.apim;

import io.aoailab.lab.topology.ApimSpec.CircuitBreakerRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One backend's circuit breaker (docs/apim-gateway.md §1.3): it opens when failures within the rule's interval reach
 * {@code failureCount} ("three or more ... in 1 hour" for count 3), stays open for {@code tripDuration} or, with
 * {@code acceptRetryAfter}, for the failing answer's Retry-After when that is longer, and then closes again. No
 * half-open probe: Microsoft's docs only say the circuit "resets" after the trip duration.
 */
final class CircuitBreaker {
    private final CircuitBreakerRule rule;
    private final Deque<Instant> failures = new ArrayDeque<>();
    private Instant openUntil = Instant.MIN;
    private int trips;

    CircuitBreaker(CircuitBreakerRule rule) {
        this.rule = rule;
    }

    synchronized boolean isOpen(Instant now) {
        return now.isBefore(openUntil);
    }

    /** Records a backend answer. */
    synchronized void record(int status, Optional<Duration> retryAfter, Instant now) {
        if (rule.countsAsFailure(status)) {
            failure(retryAfter, now);
        }
    }

    /** Records a forward that got no answer (connection failure, timeout). */
    synchronized void recordNoAnswer(Instant now) {
        if (rule.countConnectionFailures()) {
            failure(Optional.empty(), now);
        }
    }

    /** Closes the circuit and forgets failures: a fresh gateway, as after an operator's restart. */
    synchronized void reset() {
        failures.clear();
        openUntil = Instant.MIN;
    }

    /** How often it has opened, for diagnostics. */
    synchronized int trips() {
        return trips;
    }

    private void failure(Optional<Duration> retryAfter, Instant now) {
        failures.addLast(now);
        Instant windowStart = now.minus(rule.intervalDuration());
        while (!failures.isEmpty() && failures.peekFirst().isBefore(windowStart)) {
            failures.removeFirst();
        }
        if (failures.size() >= rule.failureCount() && !isOpen(now)) {
            Duration open = rule.tripDurationValue();
            if (rule.acceptRetryAfter() && retryAfter.isPresent() && retryAfter.get().compareTo(open) > 0) {
                open = retryAfter.get();
            }
            openUntil = now.plus(open);
            trips++;
            failures.clear();
        }
    }
}
