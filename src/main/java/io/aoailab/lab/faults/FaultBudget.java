package io.aoailab.lab.faults;

import java.time.Duration;
import java.time.Instant;

/** How long a fault lasts: for a number of requests, or until a moment. */
public sealed interface FaultBudget {

    static FaultBudget times(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("a fault lasts at least one request, not " + requests);
        }
        return new Count(requests);
    }

    static FaultBudget forDuration(Duration duration) {
        return new For(duration);
    }

    /** The next {@code requests} requests. */
    record Count(int requests) implements FaultBudget {
    }

    /** Every request for {@code duration} from when the fault is injected. */
    record For(Duration duration) implements FaultBudget {
    }

    /** Resolved against the clock when injected. */
    record Until(Instant end) implements FaultBudget {
    }
}
