package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.AUDIENCE;
import static io.aoailab.lab.openai.OpenAiLab.EUS;
import static io.aoailab.lab.openai.OpenAiLab.JSON;
import static io.aoailab.lab.openai.OpenAiLab.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.testing.Answer;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keys, tokens and RBAC, docs/azure-facts.md §3.1–§3.4 and §4.2. */
class OpenAiAccountAuthTest {
    @RegisterExtension
    static final OpenAiLab LAB = new OpenAiLab();

    static final String CREATE = "/openai/responses?api-version=2025-03-01-preview";
    static final String HELLO = "{\"model\":\"gpt-4o\",\"input\":\"Hello\"}";
    static final String INVALID_KEY = "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid "
            + "subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and "
            + "use a correct regional API endpoint for your resource.\"}}";
    static final String INVALID_TOKEN = "{\"statusCode\": 401, \"message\": \"Unauthorized. Access token is missing, "
            + "invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.\"}";

    @Test
    void should_serve_a_caller_when_it_sends_either_account_key() {
        // WHEN
        Answer key1 = post(KEYS, CREATE, "api-key", LAB.account(KEYS).keys().get(0).reveal());
        Answer key2 = post(KEYS, CREATE, "api-key", LAB.account(KEYS).keys().get(1).reveal());

        // THEN
        assertThat(key1.status()).isEqualTo(200);
        assertThat(key2.status()).isEqualTo(200);
    }

    @Test
    void should_generate_two_distinct_32_hex_keys_when_the_account_starts() {
        assertThat(LAB.account(KEYS).keys()).hasSize(2)
                .allSatisfy(key -> assertThat(key.reveal()).matches("[0-9a-f]{32}"))
                .doesNotHaveDuplicates();
        assertThat(LAB.account(KEYS).keys().get(0).toString()).doesNotContain(LAB.key(KEYS));
    }

    @Test
    void should_refuse_key_auth_with_403_when_local_auth_is_disabled() {
        // WHEN even a real key of that account is refused (docs/azure-facts.md §3.3)
        Answer answer = post(EUS, CREATE, "api-key", LAB.key(EUS));

        // THEN
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"AuthenticationTypeDisabled\",\"message\":"
                + "\"Key based authentication is disabled for this resource.\"}}");
    }

    @Test
    void should_answer_invalid_key_when_the_key_is_wrong() {
        // WHEN
        Answer answer = post(KEYS, CREATE, "api-key", "00000000000000000000000000000000");

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(INVALID_KEY);
    }

    @Test
    void should_answer_invalid_key_when_no_credential_is_sent() {
        // WHEN
        Answer answer = LAB.send(LAB.request(KEYS, CREATE).post(RequestBody.create(HELLO, JSON)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(INVALID_KEY);
    }

    @Test
    void should_answer_the_gateway_401_verbatim_when_the_token_is_unknown() {
        // WHEN
        Answer answer = post(EUS, CREATE, "Authorization", "Bearer not-a-token");

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(INVALID_TOKEN);
    }

    @Test
    void should_answer_the_gateway_401_when_the_token_has_expired() {
        // WHEN
        String expired = LAB.tokens().mintExpired(LAB.objectId("suite-caller"), AUDIENCE);
        Answer answer = post(EUS, CREATE, "Authorization", "Bearer " + expired);

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(INVALID_TOKEN);
    }

    @Test
    void should_answer_the_gateway_401_when_the_token_is_for_foundry_instead() {
        // WHEN a token for https://ai.azure.com is sent to the account (docs/azure-facts.md §3.1)
        String foundry = LAB.tokens().mint(LAB.objectId("suite-caller"), "https://ai.azure.com");
        Answer answer = post(EUS, CREATE, "Authorization", "Bearer " + foundry);

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(INVALID_TOKEN);
    }

    @Test
    void should_answer_the_gateway_401_when_the_authorization_scheme_is_not_bearer() {
        // WHEN
        Answer answer = post(EUS, CREATE, "Authorization", "Basic dXNlcjpwYXNz");

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(INVALID_TOKEN);
    }

    @Test
    void should_let_the_token_decide_when_a_caller_sends_a_token_and_a_foreign_api_key() {
        // WHEN APIM passes its subscription key on next to its managed-identity token (docs/azure-facts.md §3.9)
        Answer answer = LAB.send(LAB.request(EUS, CREATE).header("Authorization", "Bearer " + LAB.token("apim-gateway"))
                .header("api-key", "apim-subscription-key").post(RequestBody.create(HELLO, JSON)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void should_let_the_key_decide_when_the_bearer_carries_the_key_too() {
        // WHEN a caller sends its account key in both headers, as openai-python's AzureOpenAI did before 2.34.0
        // (docs/azure-facts.md §3.9)
        String key = LAB.key(KEYS);
        Answer answer = both(KEYS, "Bearer " + key, key);

        // THEN
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void should_let_a_valid_token_decide_and_not_look_at_the_key_next_to_it() {
        // WHEN a principal without a role sends its token and a valid account key
        Answer answer = both(KEYS, "Bearer " + LAB.token("no-role"), LAB.key(KEYS));

        // THEN the token's principal is checked, and refused: the key does not let it in
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(permissionDenied("no-role", "write", "POST /openai/responses"));
    }

    @Test
    void should_serve_a_valid_token_next_to_a_key_when_key_auth_is_disabled() {
        // WHEN (the 403 AuthenticationTypeDisabled is for key auth, which this is not)
        Answer answer = both(EUS, "Bearer " + LAB.token("suite-caller"), LAB.key(EUS));

        // THEN
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void should_let_the_key_decide_when_the_token_next_to_it_does_not_verify() {
        // WHEN (docs/azure-facts.md §3.9: which of the two answers then is UNCONFIRMED; the lab lets the key answer)
        String expired = LAB.tokens().mintExpired(LAB.objectId("suite-caller"), AUDIENCE);
        Answer withKey = both(KEYS, "Bearer " + expired, LAB.key(KEYS));
        Answer withWrongKey = both(KEYS, "Bearer " + expired, "00000000000000000000000000000000");
        Answer keyAuthDisabled = both(EUS, "Bearer " + expired, LAB.key(EUS));

        // THEN
        assertThat(withKey.status()).isEqualTo(200);
        assertThat(withWrongKey.status()).isEqualTo(401);
        assertThat(withWrongKey.body()).isEqualTo(INVALID_KEY);
        assertThat(keyAuthDisabled.status()).isEqualTo(403);
        assertThat(keyAuthDisabled.body()).contains("AuthenticationTypeDisabled");
    }

    @Test
    void should_deny_create_with_401_naming_principal_action_and_route_when_the_principal_has_no_role() {
        // WHEN
        Answer answer = post(EUS, CREATE, "Authorization", "Bearer " + LAB.token("no-role"));

        // THEN docs/azure-facts.md §3.4: 401, not 403
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(permissionDenied("no-role", "write", "POST /openai/responses"));
    }

    @Test
    void should_name_the_v1_route_when_permission_is_denied_on_the_v1_surface() {
        // WHEN
        Answer answer = post(EUS, "/openai/v1/responses", "Authorization", "Bearer " + LAB.token("no-role"));

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(permissionDenied("no-role", "write", "POST /openai/v1/responses"));
    }

    @Test
    void should_deny_with_401_when_the_principal_only_holds_contributor() {
        // WHEN Contributor has no data actions (docs/azure-facts.md §4.3)
        Answer answer = post(EUS, CREATE, "Authorization", "Bearer " + LAB.token("contributor-only"));

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(permissionDenied("contributor-only", "write", "POST /openai/responses"));
    }

    @Test
    void should_check_the_read_action_when_a_principal_without_role_gets_a_response() {
        // WHEN
        Answer answer = LAB.send(LAB.request(EUS, "/openai/responses/resp_1?api-version=2025-03-01-preview")
                .header("Authorization", "Bearer " + LAB.token("no-role")).build());

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(permissionDenied("no-role", "read", "GET /openai/responses/{response_id}"));
    }

    @Test
    void should_check_the_read_action_when_a_principal_without_role_lists_input_items() {
        // WHEN
        Answer answer = LAB.send(LAB.request(EUS, "/openai/v1/responses/resp_1/input_items")
                .header("Authorization", "Bearer " + LAB.token("no-role")).build());

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(
                permissionDenied("no-role", "read", "GET /openai/v1/responses/{response_id}/input_items"));
    }

    @Test
    void should_check_the_delete_action_when_a_principal_without_role_deletes_a_response() {
        // WHEN
        Answer answer = LAB.send(LAB.request(EUS, "/openai/v1/responses/resp_1")
                .header("Authorization", "Bearer " + LAB.token("no-role")).delete().build());

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(
                permissionDenied("no-role", "delete", "DELETE /openai/v1/responses/{response_id}"));
    }

    @Test
    void should_check_rbac_before_the_body_when_a_principal_without_role_sends_broken_json() {
        // WHEN
        Answer answer = LAB.send(LAB.request(EUS, CREATE).header("Authorization", "Bearer " + LAB.token("no-role"))
                .post(RequestBody.create("{not json", JSON)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("PermissionDenied");
    }

    @Test
    void should_serve_a_principal_when_its_role_is_assigned_at_the_account() {
        // WHEN apim-gateway holds OpenAI User at account:aoai-eus only
        Answer answer = post(EUS, CREATE, "Authorization", "Bearer " + LAB.token("apim-gateway"));
        Answer elsewhere = post(KEYS, CREATE, "Authorization", "Bearer " + LAB.token("apim-gateway"));

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        assertThat(elsewhere.status()).isEqualTo(401);
        assertThat(elsewhere.body()).contains("PermissionDenied", LAB.objectId("apim-gateway"));
    }

    private static Answer post(String account, String path, String header, String value) {
        Request request = LAB.request(account, path).header(header, value).post(RequestBody.create(HELLO, JSON)).build();
        return LAB.send(request);
    }

    private static Answer both(String account, String authorization, String apiKey) {
        return LAB.send(LAB.request(account, CREATE).header("Authorization", authorization).header("api-key", apiKey)
                .post(RequestBody.create(HELLO, JSON)).build());
    }

    private static String permissionDenied(String principal, String action, String route) {
        return "{\"error\":{\"code\":\"PermissionDenied\",\"message\":\"The principal `" + LAB.objectId(principal)
                + "` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/responses/" + action
                + "` to perform `" + route + "` operation.\"}}";
    }
}
