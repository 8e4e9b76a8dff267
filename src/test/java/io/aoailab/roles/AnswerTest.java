package io.aoailab.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each service's answers, read as its documentation says: a missing role is told from every other refusal. */
class AnswerTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @CsvSource(nullValues = "-", value = {
        "AZURE_OPENAI, 200, -, '', ALLOWED",
        "AZURE_OPENAI, 401, PermissionDenied, The principal `x` lacks the required data action, DENIED",
        "AZURE_OPENAI, 401, -, Access denied due to invalid subscription key or wrong API endpoint, BAD_TOKEN",
        "AZURE_OPENAI, 401, InvalidAuthenticationToken, the token is expired, BAD_TOKEN",
        // Azure OpenAI denies a missing role with 401; a 403 is something else (a network rule, a policy)
        "AZURE_OPENAI, 403, PermissionDenied, denied, OTHER",
        "AZURE_OPENAI, 403, AuthenticationTypeDisabled, Key based authentication is disabled for this resource., KEY_AUTH_DISABLED",
        "FOUNDRY, 401, PermissionDenied, lacks the required data action, DENIED",
        "STORAGE, 403, AuthorizationPermissionMismatch, This request is not authorized, DENIED",
        "STORAGE, 403, AuthorizationFailure, This request is not authorized to perform this operation., OTHER",
        "STORAGE, 401, -, Server failed to authenticate the request., BAD_TOKEN",
        "SEARCH, 403, -, Authorization failed., DENIED",
        "SEARCH, 403, Forbidden, Client IP address is not allowed, OTHER",
        "SEARCH, 404, -, index not found, OTHER",
        "SEARCH, 0, -, connect timed out, OTHER"
    })
    void answers_are_read_per_service(Service service, int status, String code, String message, Answer.Kind kind) {
        assertThat(Answer.of(service, status, Optional.ofNullable(code), message).kind()).isEqualTo(kind);
    }

    @Test
    void a_permission_denied_names_its_data_action() {
        Answer denied = Answer.of(Service.AZURE_OPENAI, 401, Optional.of("PermissionDenied"), "The principal `abc` lacks"
                + " the required data action `Microsoft.CognitiveServices/accounts/OpenAI/responses/write` to perform"
                + " `POST /openai/responses` operation.");

        assertThat(denied.namedDataAction()).contains("Microsoft.CognitiveServices/accounts/OpenAI/responses/write");
        assertThat(denied.statusAndCode()).isEqualTo("401 PermissionDenied");
        assertThat(Answer.of(Service.SEARCH, 0, Optional.empty(), "x").statusAndCode()).isEqualTo("no answer");
    }
}
