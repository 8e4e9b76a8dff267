package io.aoailab.lab.storage;

import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.rbac.RoleAssignment;
import io.aoailab.lab.topology.StorageSpec;
import io.aoailab.lab.topology.Topology;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RBAC for one storage account's blob service. With Entra auth, Storage checks each operation against one RBAC
 * operation ([ENTRA-DOC], "Permissions for Blob service operations", see {@link StorageErrors}):
 *
 * <table>
 *   <caption>operation → RBAC operation (scope)</caption>
 *   <tr><td>List Containers</td><td>{@code …/containers/read} (action; "scoped to the storage account or above")</td></tr>
 *   <tr><td>Create Container</td><td>{@code …/containers/write} (action)</td></tr>
 *   <tr><td>Get Container Properties</td><td>{@code …/containers/read} (action)</td></tr>
 *   <tr><td>Delete Container</td><td>{@code …/containers/delete} (action)</td></tr>
 *   <tr><td>List Blobs, Get Blob, Get Blob Properties</td><td>{@code …/containers/blobs/read} (data action)</td></tr>
 *   <tr><td>Put Blob</td><td>"For create or replace: {@code …/blobs/write}. To create new blob:
 *       {@code …/blobs/add/action}"</td></tr>
 *   <tr><td>Delete Blob</td><td>{@code …/containers/blobs/delete} (data action)</td></tr>
 * </table>
 *
 * <p>Data actions go to the lab's {@link AccessControl}, scoped to the container's ARM id
 * ({@code …/storageAccounts/<name>/blobServices/default/containers/<c>}), so assignments at the container, account,
 * resource group or subscription count and one on another account does not. The container operations are
 * <em>actions</em> (the {@code Actions} of a role, not its {@code DataActions}), which the lab's {@code RoleCatalog}
 * does not hold; {@link #ACTIONS} gives them per built-in role, and assignments are matched against them here with
 * the same scope rule as {@link AccessControl}. This is why a subscription Contributor ({@code Actions: *}) can list and
 * create containers with Entra but not read a blob — a real, commonly met Storage behaviour.
 */
final class StorageAccess {
    static final String CONTAINERS = "Microsoft.Storage/storageAccounts/blobServices/containers/";
    static final String CONTAINERS_READ = CONTAINERS + "read";
    static final String CONTAINERS_WRITE = CONTAINERS + "write";
    static final String CONTAINERS_DELETE = CONTAINERS + "delete";
    static final String BLOBS_READ = CONTAINERS + "blobs/read";
    static final String BLOBS_WRITE = CONTAINERS + "blobs/write";
    static final String BLOBS_ADD = CONTAINERS + "blobs/add/action";
    static final String BLOBS_DELETE = CONTAINERS + "blobs/delete";

    /**
     * The control-plane {@code Actions} of built-in roles, by role GUID, as far as they touch blob containers:
     * Storage Blob Data Contributor has containers delete/read/write and Reader containers read
     * (azure-wire-facts.md §4.1, from the built-in role definitions [PRIMARY]); Owner and Contributor have {@code *},
     * Reader {@code *}{@code /read} (learn.microsoft.com/azure/role-based-access-control/built-in-roles [PRIMARY]).
     * Contributor's {@code NotActions} are all under {@code Microsoft.Authorization} and others that do not touch
     * Storage, so they are left out. Roles not listed (the Cognitive Services and Search roles) have no Storage
     * actions.
     */
    static final Map<String, List<String>> ACTIONS = Map.of(
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", List.of(CONTAINERS_DELETE, CONTAINERS_READ, CONTAINERS_WRITE,
                    "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"),
            "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", List.of(CONTAINERS_READ,
                    "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"),
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", List.of("*"),
            "b24988ac-6180-42a0-ab88-20f7382dd24c", List.of("*"),
            "acdd72a7-3385-48ef-bd42-f606fba81ae7", List.of("*/read"));

    private final AccessControl access;
    private final String accountScope;

    StorageAccess(Topology topology, StorageSpec account, AccessControl access) {
        this.access = access;
        this.accountScope = topology.storageScope(account);
    }

    /** The ARM id of a container: the scope blob data actions are authorized at. */
    String containerScope(String container) {
        return accountScope + "/blobServices/default/containers/" + container;
    }

    String accountScope() {
        return accountScope;
    }

    /** A data action on the container's blobs. */
    boolean permitsData(String objectId, String container, String dataAction) {
        return access.permits(objectId, containerScope(container), dataAction);
    }

    /** An action (control-plane operation) at {@code scope}: the account's or a container's ARM id. */
    boolean permitsAction(String objectId, String scope, String action) {
        return access.assignments().stream()
                .filter(a -> a.principalObjectId().equalsIgnoreCase(objectId))
                .filter(a -> covers(a.scope(), scope))
                .anyMatch(a -> grants(a, action));
    }

    private static boolean grants(RoleAssignment assignment, String action) {
        List<String> actions = ACTIONS.getOrDefault(assignment.role().id().toLowerCase(Locale.ROOT), List.of());
        return actions.stream().anyMatch(pattern -> matches(pattern, action));
    }

    // the same rule as AccessControl.covers (package-private there): whole segments, case-insensitive
    static boolean covers(String assignmentScope, String resourceScope) {
        String scope = trim(assignmentScope);
        String resource = trim(resourceScope);
        return resource.equals(scope) || resource.startsWith(scope + "/");
    }

    private static String trim(String scope) {
        String lower = scope.toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    // Azure's operation patterns: '*' matches any run of characters, '/' included; case-insensitive
    static boolean matches(String pattern, String action) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(action).matches();
    }
}
