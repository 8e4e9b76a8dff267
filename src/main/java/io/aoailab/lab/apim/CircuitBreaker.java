package io.aoailab.lab.apim;

import io.aoailab.lab.topology.ApimSpec.CircuitBreakerRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One backend's circuit breaker (docs/apim-gateway.md §1.3): it opens when failures within the rule's interval reach
 * {@code failureCount} ("three or more ... in 1 hour" for count 3) and stays open for {@code tripDuration}; with
 * {@code acceptRetryAfter}, the tripping answer's Retry-After replaces the trip duration, shorter or longer (the
 * breaker "adjusts its trip duration" to it). Then it closes again: no half-open probe, as Microsoft's docs only say
 * the circuit "resets" after the trip. Nothing else closes it: a backend that recovers meanwhile waits out the trip.
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
            Duration open = rule.acceptRetryAfter() ? retryAfter.orElse(rule.tripDurationValue())
                    : rule.tripDurationValue();
            openUntil = now.plus(open);
            trips++;
            failures.clear();
        }
    }
}
