package io.aoailab.lab.rbac;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A built-in Azure role: its real name and GUID, the data actions it grants, and the control-plane actions the
 * lab's data planes check (Storage's container operations, Search's index listing).
 *
 * @param name the role's display name, e.g. {@code Cognitive Services OpenAI User}
 * @param id the role definition GUID
 * @param dataActions data actions granted; {@code *} matches any run of characters, as in Azure
 * @param notDataActions data actions subtracted from {@code dataActions}
 * @param actions control-plane actions granted
 * @param notActions control-plane actions subtracted from {@code actions}
 */
public record RoleDefinition(String name, String id, List<String> dataActions, List<String> notDataActions,
        List<String> actions, List<String> notActions) {

    public RoleDefinition {
        dataActions = List.copyOf(dataActions);
        notDataActions = List.copyOf(notDataActions);
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
    }

    /** A role of data actions only. */
    RoleDefinition(String name, String id, List<String> dataActions, List<String> notDataActions) {
        this(name, id, dataActions, notDataActions, List.of(), List.of());
    }

    /** This role with control-plane actions. */
    RoleDefinition withActions(List<String> granted, List<String> subtracted) {
        return new RoleDefinition(name, id, dataActions, notDataActions, granted, subtracted);
    }

    /** Whether this role grants the control-plane {@code action}. */
    public boolean grantsAction(String action) {
        return actions.stream().anyMatch(p -> matches(p, action)) && notActions.stream().noneMatch(p -> matches(p, action));
    }

    /** Whether this role grants {@code dataAction}: some data action matches and no not-data action does. */
    public boolean grants(String dataAction) {
        return dataActions.stream().anyMatch(p -> matches(p, dataAction))
                && notDataActions.stream().noneMatch(p -> matches(p, dataAction));
    }

    // Azure compares operation names case-insensitively; '*' is a wildcard over any characters including '/'
    static boolean matches(String pattern, String action) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(action).matches();
    }
}
