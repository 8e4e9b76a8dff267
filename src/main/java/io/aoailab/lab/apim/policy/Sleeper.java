package io.aoailab.lab.apim.policy;

import java.time.Duration;

/** How {@code retry} waits between attempts; tests record the waits instead of sleeping. */
interface Sleeper {

    /** @return false if the wait was interrupted (the retry then stops) */
    boolean sleep(Duration duration);

    /** How a thread naps: {@link Thread#sleep(long)}, or a recorder in tests. */
    @FunctionalInterface
    interface Nap {
        void millis(long millis) throws InterruptedException;
    }

    /**
     * Waits the whole duration, however long: APIM waits what the policy says, bounded only by the request's timeouts
     * (docs/apim-gateway.md §2.2), and so does the lab; a test that must not wait long gives its policy short intervals.
     */
    static Sleeper napping(Nap nap) {
        return duration -> {
            if (duration.isZero() || duration.isNegative()) {
                return true;
            }
            try {
                nap.millis(duration.toMillis());
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** Sleeps for real, the whole duration. */
    Sleeper REAL = napping(Thread::sleep);
}
