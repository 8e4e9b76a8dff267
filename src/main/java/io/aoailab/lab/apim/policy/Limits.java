package io.aoailab.lab.apim.policy;

import java.time.Duration;

/** What the limit policies share: whole seconds to wait, and the optional headers and variables they set. */
final class Limits {

    private Limits() {
    }

    /** A wait in whole seconds, rounded up, at least 1: a client told 0 would retry at once and fail again. */
    static long seconds(Duration wait) {
        long millis = wait.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    static void variable(Execution ex, String name, Object value) {
        if (name != null) {
            ex.context.mutableVariables().put(name, value);
        }
    }

    static void header(GatewayResponse response, String name, long value) {
        if (name != null && response != null) {
            response.headers().set(name, String.valueOf(value));
        }
    }
}
