package io.aoailab.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An identity the RBAC scenarios sign in as, declared in {@code PERSONAS}.
 *
 * @param name the persona's name as declared, e.g. {@code no-role}
 * @param clientId its service principal's client id (live only; the lab issues its own)
 * @param clientSecret its client secret (live only)
 * @param intendedRoles the built-in roles the persona is meant to hold: what the suite expects, not what it has
 */
public record Persona(String name, Optional<String> clientId, Optional<Secret> clientSecret, List<String> intendedRoles) {

    public Persona {
        intendedRoles = List.copyOf(intendedRoles);
    }

    /** The prefix of this persona's own keys: {@code PERSONA_<NAME>_}, upper case, non-alphanumerics as '_'. */
    public static String keyPrefix(String name) {
        return "PERSONA_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
    }
}
