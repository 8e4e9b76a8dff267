package io.aoailab.config;

/**
 * The configuration cannot be used: one line that names the key, the bad value (never a secret's) and the fix.
 * Thrown before any network call.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigurationException(String message) {
        super(message);
    }

    private ConfigurationException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }

    /**
     * The same error as a test outcome shows it: its one line and no stack trace, which would only bury the key
     * and the fix under the suite's own frames.
     */
    public ConfigurationException withoutStackTrace() {
        return new ConfigurationException(getMessage(), false);
    }

    static ConfigurationException invalid(ConfigValue value, boolean secret, String problem, String fix) {
        return new ConfigurationException(value.key() + "=" + value.printable(secret) + " (from " + value.origin()
                + ") " + problem + ". Fix: " + fix + ".");
    }

    static ConfigurationException missing(String key, String why, String fix) {
        return new ConfigurationException(key + " is not set, but " + why + ". Fix: " + fix + ".");
    }
}
