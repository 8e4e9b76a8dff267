package io.aoailab.lab.foundry;

import static io.aoailab.lab.foundry.FoundryLab.AI_AUDIENCE;
import static io.aoailab.lab.foundry.FoundryLab.COGNITIVE_AUDIENCE;
import static io.aoailab.lab.foundry.FoundryLab.STUB_STATUS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.lab.http.LabJson;
import io.aoailab.testing.Answer;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The project endpoint's exact bytes, seen through a raw client (docs/azure-facts.md §3, §5). */
class FoundryProjectWireTest {
    @RegisterExtension
    static final FoundryLab LAB = new FoundryLab();
    private static final String V = "?api-version=2025-05-15-preview";

    @Test
    void should_answer_a_connection_with_exactly_the_fields_the_sdk_model_reads_when_got_without_credentials()
            throws IOException {
        // GIVEN / WHEN
        Answer answer = LAB.get("/connections/aoai-eus" + V);
        // THEN
        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = LabJson.MAPPER.readTree(answer.body());
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("name", "id", "type", "target", "isDefault", "credentials", "metadata");
        assertThat(json.get("type").asText()).isEqualTo("AzureOpenAI");
        assertThat(json.get("isDefault").asBoolean()).isTrue();
        assertThat(json.get("credentials").toString()).isEqualTo("{\"type\":\"AAD\"}");
        assertThat(json.get("metadata").get("ResourceId").asText())
                .endsWith("/providers/Microsoft.CognitiveServices/accounts/aoai-eus");
    }

    @Test
    void should_page_with_a_null_next_link_when_listing() throws IOException {
        // GIVEN / WHEN
        Answer answer = LAB.get("/connections" + V + "&connectionType=CognitiveSearch");
        // THEN
        JsonNode json = LabJson.MAPPER.readTree(answer.body());
        assertThat(json.get("value")).hasSize(1);
        assertThat(json.get("nextLink").isNull()).isTrue();
    }

    @Test
    void should_keep_the_key_out_of_the_plain_get_when_the_connection_is_api_key() {
        // GIVEN / WHEN
        Answer answer = LAB.get("/connections/" + FoundryLab.KEY_CONNECTION + V);
        // THEN
        assertThat(answer.body()).contains("\"credentials\":{\"type\":\"ApiKey\"}").doesNotContain(LAB.key());
    }

    @Test
    void should_answer_the_gateway_envelope_when_the_token_has_the_cognitive_services_audience() {
        // GIVEN / WHEN
        Answer answer = LAB.get("/connections" + V, "suite-caller", COGNITIVE_AUDIENCE);
        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("{\"statusCode\": 401, \"message\": \"Unauthorized. Access token is "
                + "missing, invalid, audience is incorrect (https://ai.azure.com), or have expired.\"}");
    }

    @Test
    void should_answer_permission_denied_naming_the_listsecrets_action_when_a_reader_without_role_asks_for_keys() {
        // GIVEN the contributor-only persona: Contributor on the resource group, control plane only
        // (docs/azure-facts.md §4.3)
        Request request = new Request.Builder()
                .url(LAB.projectEndpoint() + "/connections/aoai-eus/getConnectionWithCredentials" + V)
                .header("Authorization", "Bearer " + LAB.token("contributor-only", AI_AUDIENCE))
                .post(RequestBody.create(new byte[0], MediaType.get("application/json"))).build();
        // WHEN
        Answer answer = LAB.send(request);
        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("x-ms-error-code")).isEqualTo("PermissionDenied");
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"PermissionDenied\",\"message\":\"The principal `"
                + LAB.objectId("contributor-only") + "` lacks the required data action `"
                + FoundryProjectService.LIST_SECRETS + "` to perform `POST /api/projects/{projectName}/connections/"
                + "{connectionName}/getConnectionWithCredentials` operation. For instructions on granting the "
                + "necessary permissions, see https://aka.ms/FoundryPermissions.\"}}");
    }

    @Test
    void should_answer_the_ga_connections_api_version_as_the_sdks_preview() {
        // GIVEN / WHEN the current JS SDK's version and the Java SDK beta.2's
        Answer ga = LAB.get("/connections/aoai-eus?api-version=v1");
        Answer preview = LAB.get("/connections/aoai-eus" + V);
        Answer listed = LAB.get("/connections?api-version=v1&connectionType=AzureOpenAI");
        // THEN
        assertThat(ga.status()).isEqualTo(200);
        assertThat(ga.body()).isEqualTo(preview.body());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("\"name\":\"aoai-eus\"", "\"name\":\"aoai-eus2\"");
    }

    @Test
    void should_refuse_with_400_when_the_api_version_is_missing_or_unsupported() {
        // GIVEN / WHEN
        Answer missing = LAB.get("/connections");
        Answer unsupported = LAB.get("/connections?api-version=2024-07-01-preview");
        // THEN
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("Missing required query parameter: api-version");
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.body()).isEqualTo("{\"error\":{\"code\":\"UnsupportedApiVersionValue\",\"message\":"
                + "\"Unsupported api version '2024-07-01-preview'. The supported versions are 'v1', '2025-05-01', "
                + "'2025-05-15-preview'\"}}");
    }

    @Test
    void should_hand_the_request_unchanged_to_the_project_responses_handler_when_the_path_is_under_openai() {
        // GIVEN / WHEN
        Answer answer = LAB.send(new Request.Builder().url(LAB.projectEndpoint() + "/openai/v1/responses")
                .post(RequestBody.create("{}", MediaType.get("application/json"))).build());
        // THEN
        assertThat(answer.status()).isEqualTo(STUB_STATUS);
        assertThat(answer.body()).isEqualTo("stub POST /api/projects/proj-aoai-lab/openai/v1/responses");
    }

    @Test
    void should_answer_missing_api_version_when_responses_is_called_on_the_bare_project_endpoint() {
        // GIVEN / WHEN
        Answer answer = LAB.send(new Request.Builder().url(LAB.projectEndpoint() + "/responses")
                .post(RequestBody.create("{}", MediaType.get("application/json"))).build());
        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("Missing required query parameter: api-version");
    }

    @Test
    void should_answer_404_when_the_project_or_the_path_is_unknown() {
        // GIVEN
        String otherProject = LAB.projectEndpoint().replace("/proj-aoai-lab", "/proj-other");
        // WHEN
        Answer project = LAB.send(new Request.Builder().url(otherProject + "/connections" + V).build());
        Answer path = LAB.get("/nothing-here" + V);
        Answer root = LAB.send(new Request.Builder().url(LAB.projectEndpoint()
                .replace("/api/projects/proj-aoai-lab", "/whatever")).build());
        // THEN
        assertThat(project.status()).isEqualTo(404);
        assertThat(project.body()).contains("The project does not exist.");
        assertThat(path.status()).isEqualTo(404);
        assertThat(root.status()).isEqualTo(404);
    }
}
