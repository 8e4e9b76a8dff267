package io.aoailab.lab.rbac;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A built-in Azure role: its real name and GUID, and the data actions it grants. Control-plane actions are kept
 * only as far as they tell a reader why a role grants no data access (Contributor, Owner).
 *
 * @param name the role's display name, e.g. {@code Cognitive Services OpenAI User}
 * @param id the role definition GUID
 * @param dataActions data actions granted; {@code *} matches any run of characters, as in Azure
 * @param notDataActions data actions subtracted from {@code dataActions}
 */
public record RoleDefinition(String name, String id, List<String> dataActions, List<String> notDataActions) {

    public RoleDefinition {
        dataActions = List.copyOf(dataActions);
        notDataActions = List.copyOf(notDataActions);
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
