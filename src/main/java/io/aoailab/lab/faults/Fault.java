package io.aoailab.lab.faults;

import java.time.Duration;

/** What an operator can do to a region: what its account does instead of (or before) serving a request. */
public sealed interface Fault {

    /** Answer 429 as a throttled deployment does, asking the caller to retry after {@code retryAfter}. */
    record Throttle(Duration retryAfter) implements Fault {
    }

    /** Answer a server error (500, 502, 503, 504) with Azure's body. */
    record ServerError(int status) implements Fault {
        public ServerError {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("a server error is 5xx, not " + status);
            }
        }
    }

    /** Serve the request, but only after {@code delay}. */
    record Latency(Duration delay) implements Fault {
    }

    /** Close the connection without an answer. */
    record DropConnection() implements Fault {
    }
}
