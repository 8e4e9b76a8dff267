package io.aoailab.lab.rbac;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The lab's one RBAC engine, used by every emulated service. A data action on a resource is permitted when some
 * assignment of the principal at the resource's scope or any parent scope (subscription ▸ resource group ▸
 * resource ▸ child resource) carries a role that grants it. Assignments at a child (a Foundry project) do not
 * reach the parent (its account), as in Azure (docs/azure-facts.md §4.2).
 *
 * <p>Evaluated per request; assignments can change while the lab runs (the RBAC scenarios grant and revoke).
 */
public final class AccessControl {
    private final List<RoleAssignment> assignments;

    public AccessControl(List<RoleAssignment> assignments) {
        this.assignments = new CopyOnWriteArrayList<>(assignments);
    }

    /** The assignment that permits the action, if any. */
    public Optional<RoleAssignment> permitting(String principalObjectId, String resourceScope, String dataAction) {
        return assignments.stream()
                .filter(a -> a.principalObjectId().equalsIgnoreCase(principalObjectId))
                .filter(a -> covers(a.scope(), resourceScope))
                .filter(a -> a.role().grants(dataAction))
                .findFirst();
    }

    public boolean permits(String principalObjectId, String resourceScope, String dataAction) {
        return permitting(principalObjectId, resourceScope, dataAction).isPresent();
    }

    /**
     * Whether the principal may perform a control-plane {@code action} on {@code resourceScope}: some assignment at
     * the scope or above carries a role whose Actions include it. The lab's data planes check these where Azure
     * does (Storage's container operations, Search's index listing).
     */
    public boolean permitsAction(String principalObjectId, String resourceScope, String action) {
        return assignments.stream()
                .filter(a -> a.principalObjectId().equalsIgnoreCase(principalObjectId))
                .filter(a -> covers(a.scope(), resourceScope))
                .anyMatch(a -> a.role().grantsAction(action));
    }

    public void assign(RoleAssignment assignment) {
        assignments.add(assignment);
    }

    public boolean revoke(RoleAssignment assignment) {
        return assignments.remove(assignment);
    }

    public List<RoleAssignment> assignments() {
        return List.copyOf(assignments);
    }

    /** An assignment scope covers a resource when it is the resource or an ancestor, compared by whole segments. */
    static boolean covers(String assignmentScope, String resourceScope) {
        String scope = trim(assignmentScope);
        String resource = trim(resourceScope);
        return resource.equals(scope) || resource.startsWith(scope + "/");
    }

    private static String trim(String scope) {
        String lower = scope.toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
