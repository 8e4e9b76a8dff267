package io.aoailab.roles;

/**
 * A role at a scope: what a persona is meant to hold, written {@code <role>@<scope>} in {@code PERSONA_<NAME>_ROLES}.
 *
 * @param role the built-in role
 * @param scope where it is held
 */
public record Grant(BuiltInRole role, Scope scope) {

    /** Whether it lets its holder do {@code permission} on {@code resource}. */
    public boolean allows(Permission permission, Scope resource) {
        return scope.covers(resource) && role.grants(permission);
    }

    /**
     * The Azure CLI command that makes this grant: by role GUID rather than name, to a service principal's object id
     * with its principal type, as learn.microsoft.com/azure/role-based-access-control/role-assignments-cli advises
     * (names change, IDs do not; the type avoids failures while a new principal replicates).
     */
    public String assignCommand() {
        return "az role assignment create --assignee-object-id <object-id> --assignee-principal-type ServicePrincipal"
                + " --role " + role.id() + " --scope " + scope.armId();
    }

    @Override
    public String toString() {
        return role.name() + "@" + scope;
    }
}
