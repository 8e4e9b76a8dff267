package io.aoailab.config;

import io.aoailab.roles.Grant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An identity the RBAC scenarios sign in as, declared in {@code PERSONAS} (or one of the shipped personas).
 *
 * @param name the persona's name as declared, e.g. {@code no-role}
 * @param clientId its service principal's client id (live only; the lab issues its own)
 * @param clientSecret its client secret (live only)
 * @param intended the roles and scopes the persona is meant to hold ({@code PERSONA_<NAME>_ROLES}): what the suite
 *        expects, not what it has
 */
public record Persona(String name, Optional<String> clientId, Optional<Secret> clientSecret, List<Grant> intended) {

    public Persona {
        intended = List.copyOf(intended);
    }

    /** The prefix of this persona's own keys: {@code PERSONA_<NAME>_}, upper case, non-alphanumerics as '_'. */
    public static String keyPrefix(String name) {
        return "PERSONA_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
    }

    /** The key its intended roles are read from. */
    public String rolesKey() {
        return keyPrefix(name) + "ROLES";
    }

    /** Whether the run has credentials to sign in as it on live (the lab issues its own). */
    public boolean hasCredentials() {
        return clientId.isPresent() && clientSecret.isPresent();
    }
}
