package io.aoailab.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in roles the suite knows, read from {@code built-in-roles.json} beside this class: each with its GUID,
 * actions and data actions as Microsoft publishes them, and the page it is published on.
 */
public final class BuiltInRoles {
    private static final List<BuiltInRole> ALL = load();

    private BuiltInRoles() {
    }

    public static List<BuiltInRole> all() {
        return ALL;
    }

    /** A role by any of its names (any case) or its GUID. */
    public static Optional<BuiltInRole> find(String nameOrId) {
        return ALL.stream().filter(r -> r.isCalled(nameOrId)).findFirst();
    }

    /** A role the suite's own code names; a typo there is a bug, not a configuration problem. */
    public static BuiltInRole named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no built-in role called " + name));
    }

    private static List<BuiltInRole> load() {
        try (InputStream in = BuiltInRoles.class.getResourceAsStream("built-in-roles.json")) {
            if (in == null) {
                throw new IllegalStateException("built-in-roles.json is missing beside " + BuiltInRoles.class.getName());
            }
            List<BuiltInRole> roles = new ArrayList<>();
            for (JsonNode role : new ObjectMapper().readTree(in).path("roles")) {
                roles.add(new BuiltInRole(role.path("name").asText(), strings(role, "alsoNamed"),
                        role.path("id").asText(), role.path("summary").asText(), strings(role, "actions"),
                        strings(role, "notActions"), strings(role, "dataActions"), strings(role, "notDataActions"),
                        URI.create(role.path("source").asText()),
                        Optional.ofNullable(role.path("note").textValue())));
            }
            return List.copyOf(roles);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in-roles.json cannot be read", e);
        }
    }

    private static List<String> strings(JsonNode role, String field) {
        List<String> values = new ArrayList<>();
        role.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}
