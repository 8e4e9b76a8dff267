package io.aoailab.config;

import java.util.Locale;
import java.util.Optional;

/** What the suite runs against; chosen with {@code LAB_TARGET}. */
public enum Target {
    /** The embedded, wire-faithful emulator, started on loopback by the suite itself. The default. */
    LAB,
    /** Real Azure, reached with the endpoints and credentials of the configuration. */
    LIVE;

    static Optional<Target> parse(String value) {
        for (Target target : values()) {
            if (target.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }

    /** The name as it is written in configuration. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
