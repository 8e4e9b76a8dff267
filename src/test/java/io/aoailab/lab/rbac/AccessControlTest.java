package io.aoailab.lab.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessControlTest {
    private static final String RG = "/subscriptions/sub-1/resourceGroups/rg-lab";
    private static final String ACCOUNT = RG + "/providers/Microsoft.CognitiveServices/accounts/aoai-eus";
    private static final String OTHER_ACCOUNT = RG + "/providers/Microsoft.CognitiveServices/accounts/aoai-eus2";
    private static final String PROJECT = RG + "/providers/Microsoft.CognitiveServices/accounts/foundry/projects/p1";
    private static final String RESPONSES_WRITE = "Microsoft.CognitiveServices/accounts/OpenAI/responses/write";
    private static final String OID = "9e8d7c6b-0001-4000-8000-000000000001";

    private static RoleDefinition role(String name) {
        return RoleCatalog.find(name).orElseThrow();
    }

    private static AccessControl with(String role, String scope) {
        return new AccessControl(List.of(new RoleAssignment(OID, role(role), scope)));
    }

    @Test
    void should_permit_inference_for_openai_user_at_the_account() {
        assertThat(with("Cognitive Services OpenAI User", ACCOUNT).permits(OID, ACCOUNT, RESPONSES_WRITE)).isTrue();
    }

    @Test
    void should_inherit_an_assignment_from_the_resource_group_and_subscription() {
        assertThat(with("Cognitive Services OpenAI User", RG).permits(OID, ACCOUNT, RESPONSES_WRITE)).isTrue();
        assertThat(with("Cognitive Services OpenAI User", "/subscriptions/sub-1").permits(OID, ACCOUNT, RESPONSES_WRITE))
                .isTrue();
    }

    @Test
    void should_not_reach_a_sibling_account() {
        assertThat(with("Cognitive Services OpenAI User", ACCOUNT).permits(OID, OTHER_ACCOUNT, RESPONSES_WRITE)).isFalse();
    }

    @Test
    void should_not_reach_the_parent_account_from_a_project_scope() {
        // docs/azure-facts.md §4.2: a project-scoped Foundry User still gets 401 on the account's OpenAI routes
        assertThat(with("Azure AI User", PROJECT).permits(OID, PROJECT, RESPONSES_WRITE)).isTrue();
        assertThat(with("Azure AI User", PROJECT).permits(OID, RG + "/providers/Microsoft.CognitiveServices/accounts/foundry",
                RESPONSES_WRITE)).isFalse();
    }

    @Test
    void should_compare_scopes_by_whole_segments() {
        String lookalike = RG + "/providers/Microsoft.CognitiveServices/accounts/aoai-eus-2";

        assertThat(with("Cognitive Services OpenAI User", ACCOUNT).permits(OID, lookalike, RESPONSES_WRITE)).isFalse();
    }

    @Test
    void should_not_permit_another_principal() {
        assertThat(with("Cognitive Services OpenAI User", ACCOUNT).permits("someone-else", ACCOUNT, RESPONSES_WRITE))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Cognitive Services OpenAI User|Microsoft.CognitiveServices/accounts/OpenAI/responses/read|true",
        "Cognitive Services OpenAI User|Microsoft.CognitiveServices/accounts/OpenAI/responses/delete|true",
        "Cognitive Services OpenAI User|Microsoft.CognitiveServices/accounts/OpenAI/stored-completions/read|false",
        "Cognitive Services OpenAI User|Microsoft.CognitiveServices/accounts/OpenAI/deployments/write|false",
        "Cognitive Services OpenAI Contributor|Microsoft.CognitiveServices/accounts/OpenAI/responses/write|true",
        "Cognitive Services User|Microsoft.CognitiveServices/accounts/OpenAI/responses/write|true",
        "Cognitive Services Contributor|Microsoft.CognitiveServices/accounts/OpenAI/responses/write|false",
        "Contributor|Microsoft.CognitiveServices/accounts/OpenAI/responses/write|false",
        "Owner|Microsoft.CognitiveServices/accounts/OpenAI/responses/write|false",
        "Azure AI Developer|Microsoft.CognitiveServices/accounts/OpenAI/responses/write|true",
        "Azure AI Developer|Microsoft.CognitiveServices/accounts/OpenAI/fine-tunes-deployments/write|false",
        "Storage Blob Data Reader|Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read|true",
        "Storage Blob Data Reader|Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write|false",
        "Search Index Data Reader|Microsoft.Search/searchServices/indexes/documents/read|true",
        "Search Service Contributor|Microsoft.Search/searchServices/indexes/documents/read|false"})
    void should_grant_exactly_the_data_actions_of_each_role(String role, String action, boolean granted) {
        assertThat(role(role).grants(action)).isEqualTo(granted);
    }

    @Test
    void should_check_control_plane_actions_apart_from_data_actions() {
        String container = RG + "/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default/containers/docs";
        AccessControl contributor = with("Contributor", RG);

        assertThat(contributor.permitsAction(OID, container, "Microsoft.Storage/storageAccounts/blobServices/containers/read"))
                .isTrue();
        assertThat(contributor.permits(OID, container,
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read")).isFalse();
        assertThat(contributor.permitsAction(OID, RG, "Microsoft.Authorization/roleAssignments/write")).isFalse();
        assertThat(with("Reader", RG).permitsAction(OID, container,
                "Microsoft.Storage/storageAccounts/blobServices/containers/write")).isFalse();
        assertThat(with("Cognitive Services OpenAI User", RG).permitsAction(OID, container,
                "Microsoft.Storage/storageAccounts/blobServices/containers/read")).isFalse();
    }

    @Test
    void should_find_roles_by_real_name_and_guid() {
        assertThat(RoleCatalog.find("53ca6127-db72-4b80-b1b0-d745d6d5456d")).map(RoleDefinition::name)
                .contains("Azure AI User");
        assertThat(RoleCatalog.find("cognitive services openai user")).map(RoleDefinition::id)
                .contains("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd");
        assertThat(RoleCatalog.find("OpenAI User")).isEmpty();
    }

    @Test
    void should_apply_a_grant_and_a_revocation_on_the_next_check() {
        AccessControl access = new AccessControl(List.of());
        RoleAssignment grant = new RoleAssignment(OID, role("Cognitive Services OpenAI User"), ACCOUNT);

        access.assign(grant);
        assertThat(access.permits(OID, ACCOUNT, RESPONSES_WRITE)).isTrue();
        access.revoke(grant);
        assertThat(access.permits(OID, ACCOUNT, RESPONSES_WRITE)).isFalse();
    }
}
