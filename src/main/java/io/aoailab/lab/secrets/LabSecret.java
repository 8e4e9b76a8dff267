package io.aoailab.lab.secrets;

import java.util.Objects;

/**
 * A credential the lab generated (client secret, account key, APIM subscription key, Search key) that must never be
 * printed. {@link #toString()} is redacted, so a record holding one can be logged or put in a message without leaking
 * it; {@link #reveal()} is for the one place that sends it.
 */
public final class LabSecret {
    private final String value;

    private LabSecret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static LabSecret of(String value) {
        return new LabSecret(value);
    }

    /** The clear value, for the one place that sends it (a credential, a header, a file the user asked for). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "LabSecret[REDACTED]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabSecret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
