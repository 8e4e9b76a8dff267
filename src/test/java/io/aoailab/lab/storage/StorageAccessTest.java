package io.aoailab.lab.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.rbac.RoleAssignment;
import io.aoailab.lab.rbac.RoleCatalog;
import io.aoailab.lab.topology.StorageSpec;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.TopologyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageAccessTest {
    private static final String OID = "9e8d7c6b-0fff-4000-8000-000000000fff";
    private final Topology topology = TopologyLoader.loadDefault();
    private final StorageSpec byo = topology.storageAccount("stlabbyo").orElseThrow();

    @Test
    void should_scope_data_actions_to_the_container_s_arm_id() {
        // GIVEN
        StorageAccess access = access("Storage Blob Data Reader", topology.storageScope(byo));

        // WHEN
        String scope = access.containerScope("docs");

        // THEN
        assertThat(scope).isEqualTo("/subscriptions/2b0e4a7c-5d1f-4c3e-9a8b-6f2d1e0c9b7a/resourceGroups/rg-aoai-lab"
                + "/providers/Microsoft.Storage/storageAccounts/stlabbyo/blobServices/default/containers/docs");
        assertThat(access.permitsData(OID, "docs", StorageAccess.BLOBS_READ)).isTrue();
        assertThat(access.permitsData(OID, "docs", StorageAccess.BLOBS_WRITE)).isFalse();
    }

    @Test
    void should_grant_container_read_but_not_write_to_a_reader_s_actions() {
        // GIVEN: Reader (not Storage Blob Data Reader) has Actions "*/read"
        StorageAccess access = access("Reader", topology.resourceGroupScope());

        // WHEN / THEN
        assertThat(access.permitsAction(OID, access.accountScope(), StorageAccess.CONTAINERS_READ)).isTrue();
        assertThat(access.permitsAction(OID, access.containerScope("x"), StorageAccess.CONTAINERS_WRITE)).isFalse();
        assertThat(access.permitsData(OID, "x", StorageAccess.BLOBS_READ)).isFalse();
    }

    @Test
    void should_not_reach_the_account_from_a_container_assignment() {
        // GIVEN
        StorageAccess access = access("Storage Blob Data Contributor",
                topology.storageScope(byo) + "/blobServices/default/containers/docs");

        // WHEN / THEN
        assertThat(access.permitsAction(OID, access.containerScope("docs"), StorageAccess.CONTAINERS_WRITE)).isTrue();
        assertThat(access.permitsAction(OID, access.accountScope(), StorageAccess.CONTAINERS_READ)).isFalse();
        assertThat(access.permitsData(OID, "docs-archive", StorageAccess.BLOBS_READ)).isFalse();
    }

    @Test
    void should_give_no_storage_actions_to_roles_outside_the_table() {
        // GIVEN
        StorageAccess access = access("Cognitive Services OpenAI User", topology.subscriptionScope());

        // WHEN / THEN
        assertThat(access.permitsAction(OID, access.accountScope(), StorageAccess.CONTAINERS_READ)).isFalse();
    }

    private StorageAccess access(String role, String scope) {
        return new StorageAccess(topology, byo, new AccessControl(List.of(
                new RoleAssignment(OID, RoleCatalog.find(role).orElseThrow(), scope))));
    }
}
