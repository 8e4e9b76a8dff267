package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.EUS;
import static io.aoailab.lab.openai.OpenAiLab.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.testing.Answer;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paths and api-versions, docs/azure-facts.md §1.1, §3.7, §3.7b. */
class OpenAiAccountRoutingTest {
    @RegisterExtension
    static final OpenAiLab LAB = new OpenAiLab();

    static final String HELLO = "{\"model\":\"gpt-4o\",\"input\":\"Hello\"}";
    static final String RESOURCE_NOT_FOUND = "{\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}";
    static final String NOT_SUPPORTED = "{\"error\":{\"code\":\"BadRequest\",\"message\":\"API version not supported\"}}";

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-01-preview", "2025-04-01-preview"})
    void should_serve_the_dated_surface_when_the_api_version_has_responses(String version) {
        // WHEN
        Answer answer = LAB.post(EUS, "/openai/responses?api-version=" + version, HELLO);

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?api-version=v1", "?api-version=preview"})
    void should_serve_the_v1_surface_when_the_api_version_is_absent_v1_or_preview(String query) {
        // WHEN
        Answer answer = LAB.post(EUS, "/openai/v1/responses" + query, HELLO);

        // THEN
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void should_answer_missing_api_version_when_the_dated_surface_gets_none() {
        // WHEN
        Answer answer = LAB.post(EUS, "/openai/responses", HELLO);

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo(
                "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Missing required query parameter: api-version\"}}");
    }

    @Test
    void should_refuse_a_dated_version_when_it_is_sent_to_the_v1_surface() {
        // WHEN
        Answer answer = LAB.post(EUS, "/openai/v1/responses?api-version=2025-04-01-preview", HELLO);

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo(NOT_SUPPORTED);
    }

    @Test
    void should_refuse_an_api_version_without_responses_when_it_is_sent_to_the_dated_surface() {
        // WHEN 2024-10-21 is the last GA version and has no Responses (docs/azure-facts.md §1.1)
        Answer answer = LAB.post(EUS, "/openai/responses?api-version=2024-10-21", HELLO);

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo(NOT_SUPPORTED);
    }

    @Test
    void should_answer_resource_not_found_when_a_legacy_client_puts_the_deployment_in_the_path() {
        // WHEN openai-java 4.x LEGACY mode builds this path (docs/azure-facts.md §0.8)
        Answer answer = LAB.post(EUS, "/openai/deployments/gpt-4o/responses?api-version=2025-04-01-preview", HELLO);

        // THEN
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo(RESOURCE_NOT_FOUND);
        assertThat(answer.header("x-ms-region")).isEqualTo("East US");
    }

    @Test
    void should_answer_resource_not_found_when_the_method_does_not_fit_the_path() {
        // WHEN
        Answer answer = LAB.send(LAB.request(EUS, "/openai/responses?api-version=2025-03-01-preview")
                .put(RequestBody.create(HELLO, JSON)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo(RESOURCE_NOT_FOUND);
    }

    @Test
    void should_check_the_route_before_credentials_when_an_anonymous_caller_asks_for_an_unknown_path() {
        // WHEN
        Answer answer = LAB.send(LAB.request(EUS, "/openai/models?api-version=2025-03-01-preview").build());

        // THEN
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo(RESOURCE_NOT_FOUND);
    }

    @Test
    void should_check_the_api_version_before_credentials_when_an_anonymous_caller_sends_none() {
        // WHEN
        Answer answer = LAB.send(LAB.request(EUS, "/openai/responses").post(RequestBody.create(HELLO, JSON)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("Missing required query parameter: api-version");
    }

    @Test
    void should_send_the_azure_headers_when_answering() {
        // WHEN
        Answer answer = LAB.send(LAB.request(EUS, "/openai/v1/responses")
                .header("Authorization", "Bearer " + LAB.token("suite-caller"))
                .header("x-ms-client-request-id", "my-correlation-id")
                .post(RequestBody.create(HELLO, JSON)).build());

        // THEN docs/azure-facts.md §2
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("x-ms-region")).isEqualTo("East US");
        assertThat(answer.header("x-ms-client-request-id")).isEqualTo("my-correlation-id");
        assertThat(answer.header("apim-request-id")).matches("[0-9a-f-]{36}");
        assertThat(answer.header("x-request-id")).matches("[0-9a-f-]{36}");
        assertThat(answer.header("x-ms-deployment-name")).isEqualTo("gpt-4o");
        assertThat(answer.header("x-ratelimit-limit-requests")).isEqualTo("2700");
        assertThat(answer.header("x-ratelimit-limit-tokens")).isEqualTo("450000");
        assertThat(answer.header("x-ratelimit-remaining-requests")).isNotNull();
        assertThat(answer.header("x-ratelimit-remaining-tokens")).isNotNull();
    }

    @Test
    void should_echo_the_apim_request_id_as_client_request_id_when_the_client_sent_none() {
        // WHEN
        Answer answer = LAB.post(EUS, "/openai/v1/responses", HELLO);

        // THEN docs/azure-facts.md §2: "equals apim-request-id when the client sent none"
        assertThat(answer.header("x-ms-client-request-id")).isEqualTo(answer.header("apim-request-id"));
    }
}
