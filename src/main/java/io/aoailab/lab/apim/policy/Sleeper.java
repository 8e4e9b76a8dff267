package io.aoailab.lab.apim.policy;

import java.time.Duration;

/** How {@code retry} waits between attempts; tests record the waits instead of sleeping. */
interface Sleeper {

    /** @return false if the wait was interrupted (the retry then stops) */
    boolean sleep(Duration duration);

    Sleeper REAL = duration -> {
        if (duration.isZero() || duration.isNegative()) {
            return true;
        }
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    };
}
