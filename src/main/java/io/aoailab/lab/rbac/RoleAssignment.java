package io.aoailab.lab.rbac;

/**
 * A role assigned to a principal at a scope.
 *
 * @param principalObjectId the principal's object id ({@code oid} in its tokens)
 * @param role the role
 * @param scope an ARM scope: a subscription, a resource group or a resource id
 */
public record RoleAssignment(String principalObjectId, RoleDefinition role, String scope) {
}
