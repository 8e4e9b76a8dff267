package io.aoailab.run;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code name=value} arguments, as the build passes them; a value may be empty ({@code groups=}). */
final class Arguments {
    private Arguments() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("'" + arg + "' is not name=value");
            }
            parsed.put(arg.substring(0, equals), arg.substring(equals + 1).trim());
        }
        return parsed;
    }
}
