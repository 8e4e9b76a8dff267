package io.aoailab.lab.storage;

import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.topology.StorageSpec;
import io.aoailab.lab.topology.Topology;

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
 * <em>actions</em> (the {@code Actions} of a role, not its {@code DataActions}), checked with
 * {@link AccessControl#permitsAction} against the roles' Actions in the lab's {@code RoleCatalog}. This is why a subscription Contributor ({@code Actions: *}) can list and
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

    private final AccessControl access;
    private final Topology topology;
    private final StorageSpec account;
    private final String accountScope;

    StorageAccess(Topology topology, StorageSpec account, AccessControl access) {
        this.access = access;
        this.topology = topology;
        this.account = account;
        this.accountScope = topology.storageScope(account);
    }

    /** The ARM id of a container: the scope blob data actions are authorized at. */
    String containerScope(String container) {
        return topology.containerScope(account, container);
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
        return access.permitsAction(objectId, scope, action);
    }
}
