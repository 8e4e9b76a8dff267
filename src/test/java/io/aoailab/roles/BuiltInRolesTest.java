package io.aoailab.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The role catalog holds what Microsoft publishes, and Azure's matching rules apply to it. */
class BuiltInRolesTest {
    private static final String OPENAI = "Microsoft.CognitiveServices/accounts/OpenAI/";

    @Test
    void every_role_has_its_own_guid_name_and_a_published_source() {
        List<BuiltInRole> roles = BuiltInRoles.all();

        assertThat(roles).extracting(BuiltInRole::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(roles).extracting(BuiltInRole::name).doesNotHaveDuplicates();
        assertThat(roles).allSatisfy(role -> assertThat(role.source().toString()).as("source of %s", role)
                .startsWith("https://learn.microsoft.com/azure/"));
    }

    @Test
    void a_role_is_found_by_any_of_its_names_or_its_guid() {
        assertThat(BuiltInRoles.find("foundry user")).contains(BuiltInRoles.named("Azure AI User"));
        assertThat(BuiltInRoles.find("53ca6127-db72-4b80-b1b0-d745d6d5456d")).contains(BuiltInRoles.named("Azure AI User"));
        assertThat(BuiltInRoles.find(" storage blob data reader ")).map(BuiltInRole::id)
                .contains("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
        assertThat(BuiltInRoles.find("Storage Blob Data Readers")).isEmpty();
    }

    @Test
    void the_management_roles_grant_no_data_action() {
        assertThat(List.of("Owner", "Contributor", "Reader", "Cognitive Services Contributor", "Azure AI Account Owner",
                "Search Service Contributor")).allSatisfy(name -> assertThat(BuiltInRoles.named(name).hasDataActions())
                .as(name).isFalse());
    }

    @ParameterizedTest(name = "{0} grants {1}: {2}")
    @CsvSource({
        "Cognitive Services OpenAI User, " + OPENAI + "responses/write, true",
        "Cognitive Services OpenAI User, " + OPENAI + "assistants/vector_stores/read, true",
        // NotDataActions subtract
        "Cognitive Services OpenAI User, " + OPENAI + "stored-completions/read, false",
        "Cognitive Services OpenAI User, Microsoft.CognitiveServices/accounts/AIServices/connections/read, false",
        "Azure AI User, Microsoft.CognitiveServices/accounts/AIServices/connections/read, true",
        "Azure AI User, " + OPENAI + "responses/write, true",
        "Azure AI Developer, Microsoft.CognitiveServices/accounts/AIServices/responses/write, false",
        // operation names compare case-insensitively
        "Storage Blob Data Contributor, microsoft.storage/storageaccounts/blobservices/containers/blobs/WRITE, true",
        "Storage Blob Data Reader, Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write, false",
        "Search Index Data Reader, Microsoft.Search/searchServices/indexes/documents/read, true",
        "Search Index Data Reader, Microsoft.Search/searchServices/indexes/documents/write, false",
        "Contributor, Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read, false"
    })
    void data_actions(String role, String dataAction, boolean granted) {
        assertThat(BuiltInRoles.named(role).grants(Permission.data(dataAction))).isEqualTo(granted);
    }

    @ParameterizedTest(name = "{0} may {1}: {2}")
    @CsvSource({
        "Reader, Microsoft.Search/searchServices/indexes/read, true",
        "Contributor, Microsoft.Search/searchServices/indexes/read, true",
        "Search Index Data Reader, Microsoft.Search/searchServices/indexes/read, false",
        // Contributor's NotActions: Microsoft.Authorization/*/Write
        "Contributor, Microsoft.Authorization/roleAssignments/write, false",
        "Owner, Microsoft.Authorization/roleAssignments/write, true"
    })
    void actions(String role, String action, boolean granted) {
        assertThat(BuiltInRoles.named(role).grants(Permission.action(action))).isEqualTo(granted);
    }
}
