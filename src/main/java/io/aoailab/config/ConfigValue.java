package io.aoailab.config;

/** One resolved value and where it came from, so an error can say which source to fix. */
record ConfigValue(String key, String value, String origin) {

    /** The value as an error message may show it: quoted, or redacted for secrets. */
    String printable(boolean secret) {
        return secret ? "<redacted>" : "'" + value + "'";
    }
}
