package io.aoailab.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A cell's expectation comes from the intended grants and the catalog alone. */
class ExpectationTest {
    private static final Cell RESPONSES_2 = new Cell(Operation.RESPONSES, Scope.openAiAccount(2), "East US 2");
    private static final Cell FILE_SEARCH_1 = new Cell(Operation.FILE_SEARCH, Scope.openAiAccount(1), "East US");
    private static final Cell WRITE = new Cell(Operation.BLOB_WRITE, Scope.of(Scope.Level.CONTAINER), "the BYO container");
    private static final Cell LIST_INDEXES = new Cell(Operation.INDEX_LIST, Scope.of(Scope.Level.SEARCH), "the search service");

    private static Grant grant(String role, String scope) {
        return new Grant(BuiltInRoles.named(role), Scope.parse(scope).orElseThrow());
    }

    @Test
    void a_role_on_one_account_allows_that_account_only() {
        List<Grant> intended = List.of(grant("Cognitive Services OpenAI User", "openai-1"));

        assertThat(Expectation.of(intended, FILE_SEARCH_1).allowed()).isTrue();
        Expectation second = Expectation.of(intended, RESPONSES_2);
        assertThat(second.allowed()).isFalse();
        assertThat(second.missing()).extracting(Permission::name)
                .containsExactly("Microsoft.CognitiveServices/accounts/OpenAI/responses/write");
    }

    @Test
    void an_operation_needing_two_permissions_names_the_grants_that_give_them() {
        Grant openAi = grant("Cognitive Services OpenAI User", "openai");

        Expectation expected = Expectation.of(List.of(grant("Storage Blob Data Reader", "container"), openAi),
                FILE_SEARCH_1);

        assertThat(expected.allowed()).isTrue();
        assertThat(expected.granting()).containsExactly(openAi);
    }

    @Test
    void contributor_at_the_resource_group_allows_no_data_action_but_listing_indexes() {
        List<Grant> contributor = List.of(grant("Contributor", "resource-group"));

        assertThat(Expectation.of(contributor, WRITE).allowed()).isFalse();
        assertThat(Expectation.of(contributor, RESPONSES_2).allowed()).isFalse();
        assertThat(Expectation.of(contributor, LIST_INDEXES).allowed()).isTrue();
    }

    @Test
    void a_storage_role_on_the_container_allows_its_blobs_but_a_reader_not_writing() {
        assertThat(Expectation.of(List.of(grant("Storage Blob Data Contributor", "container")), WRITE).allowed()).isTrue();
        assertThat(Expectation.of(List.of(grant("Storage Blob Data Reader", "storage")), WRITE).allowed()).isFalse();
        assertThat(Expectation.of(List.of(), WRITE).missing()).hasSize(1);
    }
}
