package io.aoailab.lab.apim.policy;

import java.time.Duration;

/** How {@code retry} waits between attempts; tests record the waits instead of sleeping. */
interface Sleeper {

    /** @return false if the wait was interrupted (the retry then stops) */
    boolean sleep(Duration duration);

    /** The longest real wait: the lab serves test runs, where a production-length backoff would only stall. */
    Duration MAX_WAIT = Duration.ofSeconds(10);

    /** Sleeps for real, at most {@link #MAX_WAIT}. */
    Sleeper REAL = duration -> {
        if (duration.isZero() || duration.isNegative()) {
            return true;
        }
        try {
            Thread.sleep(Math.min(duration.toMillis(), MAX_WAIT.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    };
}
