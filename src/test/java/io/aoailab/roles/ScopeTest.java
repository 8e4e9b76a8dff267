package io.aoailab.roles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scopes as the configuration writes them, and which resources an assignment at each reaches. */
class ScopeTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "subscription, index, true", "resource-group, openai-2, true", "openai, openai-1, true",
        "openai, openai-2, true", "openai-1, openai-1, true", "openai-1, openai-2, false", "openai-2, openai, false",
        "foundry, project, true", "project, foundry, false", "project, openai-1, false",
        "storage, container, true", "container, storage, false", "container, index, false",
        "search, index, true", "search, search, true", "index, search, false", "index, container, false"
    })
    void an_assignment_reaches_its_scope_and_what_is_below(String assigned, String resource, boolean covers) {
        assertThat(scope(assigned).covers(scope(resource))).isEqualTo(covers);
    }

    @Test
    void a_scope_is_written_by_name_and_one_account_by_number() {
        assertThat(Scope.parse(" Container ")).contains(Scope.of(Scope.Level.CONTAINER));
        assertThat(Scope.parse("openai-2")).contains(Scope.openAiAccount(2));
        assertThat(Scope.parse("openai-0")).isEmpty();
        assertThat(Scope.parse("resourceGroup")).isEmpty();
        assertThat(Scope.openAiAccount(2)).hasToString("openai-2");
    }

    @Test
    void a_scope_names_the_arm_id_az_takes() {
        assertThat(scope("container").armId()).endsWith(
                "/providers/Microsoft.Storage/storageAccounts/<storage-account>/blobServices/default/containers/<container>");
        assertThat(scope("index").armId()).endsWith("/providers/Microsoft.Search/searchServices/<search-service>/indexes/<index>");
        assertThat(scope("openai-2").armId()).endsWith("/accounts/<openai-account-2>");
        assertThat(scope("index").depth()).isGreaterThan(scope("search").depth());
    }

    private static Scope scope(String written) {
        return Scope.parse(written).orElseThrow();
    }
}
