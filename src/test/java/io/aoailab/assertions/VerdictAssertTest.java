package io.aoailab.assertions;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.config.Persona;
import io.aoailab.roles.Answer;
import io.aoailab.roles.BuiltInRoles;
import io.aoailab.roles.Cell;
import io.aoailab.roles.Expectation;
import io.aoailab.roles.Grant;
import io.aoailab.roles.Operation;
import io.aoailab.roles.Scope;
import io.aoailab.roles.Service;
import io.aoailab.roles.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A cell that disagrees with the intent says whose grant is missing or over-broad, or why it is no role decision. */
class VerdictAssertTest {
    private static final Grant BLOBS = new Grant(BuiltInRoles.named("Storage Blob Data Contributor"),
            Scope.of(Scope.Level.CONTAINER));
    private static final Persona WRITER = new Persona("writer", Optional.empty(), Optional.empty(), List.of(BLOBS));
    private static final Persona NOBODY = new Persona("nobody", Optional.empty(), Optional.empty(), List.of());
    private static final Cell WRITE = new Cell(Operation.BLOB_WRITE, Scope.of(Scope.Level.CONTAINER), "the BYO container");
    private static final Cell RESPONSES = new Cell(Operation.RESPONSES, Scope.openAiAccount(1), "East US");
    private static final Cell FILE_SEARCH = new Cell(Operation.FILE_SEARCH, Scope.openAiAccount(2), "East US 2");

    private static Verdict verdict(Persona persona, Cell cell, Answer answer) {
        return new Verdict(persona.name(), cell, Expectation.of(persona.intended(), cell), answer, 1);
    }

    @Test
    void a_denial_where_the_intent_allows_is_a_missing_grant_with_its_fix() {
        Verdict verdict = verdict(WRITER, WRITE, Answer.of(Service.STORAGE, 403,
                Optional.of("AuthorizationPermissionMismatch"), "This request is not authorized"));

        assertThatThrownBy(() -> VerdictAssert.assertThat(verdict).matchesTheIntentOf(WRITER)).hasMessageContainingAll(
                "Expecting persona 'writer' to be allowed to write a blob in the BYO container",
                "Storage Blob Data Contributor (ba92f5b4-2d11-453d-a403-e96b0029c9fe) at the BYO container"
                        + " (PERSONA_WRITER_ROLES)",
                "but Storage denied it: 403 AuthorizationPermissionMismatch",
                "The grant is missing", "--role ba92f5b4-2d11-453d-a403-e96b0029c9fe --scope /subscriptions/");
    }

    @Test
    void a_search_denial_where_the_intent_allows_also_names_key_only_access_control() {
        Persona reader = new Persona("reader", Optional.empty(), Optional.empty(), List.of(new Grant(
                BuiltInRoles.named("Search Index Data Reader"), Scope.of(Scope.Level.INDEX))));
        Cell query = new Cell(Operation.SEARCH_QUERY, Scope.of(Scope.Level.INDEX), "the index");
        Verdict verdict = verdict(reader, query, Answer.of(Service.SEARCH, 403, Optional.empty(), "Authorization failed."));

        assertThatThrownBy(() -> VerdictAssert.assertThat(verdict).matchesTheIntentOf(reader)).hasMessageContainingAll(
                "but AI Search denied it: 403: Authorization failed.", "The grant is missing",
                "API access control to Role-based access control or Both");
    }

    @Test
    void an_allowed_call_where_the_intent_denies_is_an_over_broad_grant() {
        Verdict verdict = new Verdict("nobody", RESPONSES, Expectation.of(List.of(), RESPONSES), Answer.allowed(200), 3);

        assertThatThrownBy(() -> VerdictAssert.assertThat(verdict).matchesTheIntentOf(NOBODY)).hasMessageContainingAll(
                "Expecting persona 'nobody' to be denied to create a response on East US with 401 PermissionDenied",
                "(PERSONA_NOBODY_ROLES: none)", "Azure OpenAI allowed it (200) (asked 3 times",
                "The grant is over-broad");
    }

    @Test
    void a_refused_token_is_no_role_decision() {
        Verdict verdict = verdict(NOBODY, RESPONSES, Answer.of(Service.AZURE_OPENAI, 401, Optional.empty(),
                "invalid audience"));

        assertThatThrownBy(() -> VerdictAssert.assertThat(verdict).matchesTheIntentOf(NOBODY)).hasMessageContainingAll(
                "refused the persona's token: 401", "That is not a role decision");
    }

    @Test
    void file_search_refused_for_the_accounts_identity_names_that_identity() {
        Persona user = new Persona("user", Optional.empty(), Optional.empty(), List.of(new Grant(
                BuiltInRoles.named("Cognitive Services OpenAI User"), Scope.of(Scope.Level.OPENAI))));
        Verdict verdict = verdict(user, FILE_SEARCH, Answer.of(Service.AZURE_OPENAI, 400, Optional.empty(),
                "Invalid file_search configuration detected: the resource's managed identity `x` lacks …"));

        assertThatThrownBy(() -> VerdictAssert.assertThat(verdict).matchesTheIntentOf(user)).hasMessageContainingAll(
                "Azure OpenAI answered 400", "the account's own managed identity",
                "Storage Blob Data Reader on the BYO container and Search Index Data Reader on the index");
    }

    @Test
    void a_persona_that_cannot_sign_in_is_told_so() {
        Verdict verdict = verdict(WRITER, WRITE, Answer.of(Service.STORAGE, 0, Optional.empty(),
                "AADSTS7000215: Invalid client secret provided."));

        assertThatThrownBy(() -> VerdictAssert.assertThat(verdict).matchesTheIntentOf(WRITER)).hasMessageContainingAll(
                "Storage answered no answer: AADSTS7000215", "The persona could not sign in",
                "PERSONA_WRITER_CLIENT_ID and _CLIENT_SECRET");
    }

    @Test
    void the_service_s_own_denial_where_the_intent_denies_passes() {
        Verdict verdict = verdict(NOBODY, WRITE, Answer.of(Service.STORAGE, 403,
                Optional.of("AuthorizationPermissionMismatch"), "not authorized"));

        assertThatCode(() -> VerdictAssert.assertThat(verdict).matchesTheIntentOf(NOBODY)).doesNotThrowAnyException();
    }

    @Test
    void a_denial_with_another_code_where_the_intent_denies_fails() {
        Verdict verdict = verdict(NOBODY, RESPONSES, Answer.of(Service.AZURE_OPENAI, 403, Optional.of("Forbidden"),
                "Traffic is not from an approved private endpoint."));

        assertThatThrownBy(() -> VerdictAssert.assertThat(verdict).matchesTheIntentOf(NOBODY)).hasMessageContaining(
                "answers a principal without the role with 401 PermissionDenied, not 403");
    }
}
