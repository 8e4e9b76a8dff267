package io.aoailab.lab.apim.policy;

import java.time.Duration;

/** Sliding-window counters keyed by a policy's counter key, shared across requests. */
public interface CounterStore {

    /**
     * Adds {@code amount} to the window of {@code key} if that keeps it within {@code limit}.
     *
     * @return the outcome: admitted or not, what remains, and when enough frees up to admit {@code amount}
     */
    Admission tryAdd(String key, long amount, long limit, Duration window);

    /** Adds {@code amount} unconditionally (e.g. the real token count once the backend answered). */
    void add(String key, long amount, Duration window);

    /** What is left of {@code limit} in the window of {@code key}. */
    long remaining(String key, long limit, Duration window);

    /**
     * Whether {@link #tryAdd} would admit {@code amount} now, without adding it: for limits whose count is only known
     * after the response ({@code increment-condition}, token limits). The default knows no better wait than a whole
     * window; {@link InMemoryCounterStore} computes it.
     */
    default Admission check(String key, long amount, long limit, Duration window) {
        long remaining = remaining(key, limit, window);
        boolean admitted = amount <= remaining;
        return new Admission(admitted, remaining, admitted ? Duration.ZERO : window);
    }

    record Admission(boolean admitted, long remaining, Duration retryAfter) {
    }
}
