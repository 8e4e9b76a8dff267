package io.aoailab.roles;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An Azure built-in role as Microsoft publishes it. Its GUID identifies it: names change (the Azure AI roles are
 * being renamed Foundry roles) while GUIDs do not, which is why scripts should assign by GUID
 * (learn.microsoft.com/azure/role-based-access-control/role-assignments-cli).
 *
 * @param name its display name
 * @param alsoNamed other names it is known by
 * @param id its role definition GUID
 * @param summary what it is for, in a few words
 * @param actions control-plane actions granted
 * @param notActions control-plane actions subtracted
 * @param dataActions data actions granted
 * @param notDataActions data actions subtracted
 * @param source where Microsoft publishes the definition
 * @param note a caveat about the published definition, if any
 */
public record BuiltInRole(String name, List<String> alsoNamed, String id, String summary, List<String> actions,
        List<String> notActions, List<String> dataActions, List<String> notDataActions, URI source,
        Optional<String> note) {

    public BuiltInRole {
        alsoNamed = List.copyOf(alsoNamed);
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        dataActions = List.copyOf(dataActions);
        notDataActions = List.copyOf(notDataActions);
    }

    /** Whether the role grants the permission: some entry names it and no subtracted entry does. */
    public boolean grants(Permission permission) {
        List<String> granted = permission.dataAction() ? dataActions : actions;
        List<String> subtracted = permission.dataAction() ? notDataActions : notActions;
        return granted.stream().anyMatch(permission::matchedBy) && subtracted.stream().noneMatch(permission::matchedBy);
    }

    /** Whether it is known by this name (any case) or GUID. */
    public boolean isCalled(String nameOrId) {
        String wanted = nameOrId.trim().toLowerCase(Locale.ROOT);
        return id.equals(wanted) || name.toLowerCase(Locale.ROOT).equals(wanted)
                || alsoNamed.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** Whether it grants any data action at all: Owner, Contributor and Reader grant none. */
    public boolean hasDataActions() {
        return !dataActions.isEmpty();
    }

    @Override
    public String toString() {
        return name;
    }
}
