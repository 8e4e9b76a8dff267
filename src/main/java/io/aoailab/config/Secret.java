package io.aoailab.config;

import java.util.Objects;

/**
 * A credential value (key, client secret) that must never be printed. {@link #toString()} is redacted, so a
 * record holding a {@code Secret} can be logged, attached or thrown in a message without leaking it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value, for the one place that sends it (a credential or a header). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[REDACTED]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
