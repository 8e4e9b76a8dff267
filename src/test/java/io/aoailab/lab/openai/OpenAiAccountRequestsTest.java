package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.EUS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.lab.http.LabJson;
import io.aoailab.testing.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request bodies, stored responses and input items over the wire, with the exact error bodies (docs/azure-facts.md §1–§3). */
class OpenAiAccountRequestsTest {
    @RegisterExtension
    static final OpenAiLab LAB = new OpenAiLab();

    static final String CREATE = "/openai/responses?api-version=2025-03-01-preview";
    static final String VERSION = "?api-version=2025-03-01-preview";

    @Test
    void should_answer_could_not_parse_when_the_body_is_not_json() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE, "{\"model\": \"gpt-4o\", ");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = json(answer).path("error");
        assertThat(error.path("message").asText()).startsWith("We could not parse the JSON body of your request.");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").isNull()).isTrue();
        assertThat(error.path("code").isNull()).isTrue();
    }

    @Test
    void should_answer_missing_parameter_when_the_model_is_absent() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE, "{\"input\":\"Hello\"}");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"message\":\"Missing required parameter: 'model'.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":\"missing_required_parameter\"}}");
    }

    @Test
    void should_answer_deployment_not_found_when_the_model_names_no_deployment() {
        // WHEN the model name, not a deployment name, is sent (docs/azure-facts.md §1.2)
        Answer answer = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o-2024-08-06\",\"input\":\"Hello\"}");

        // THEN
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API "
                + "deployment for this resource does not exist. If you created the deployment within the last 5 "
                + "minutes, please wait a moment and try again.\"}}");
    }

    @Test
    void should_answer_previous_response_not_found_when_the_id_is_unknown() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE,
                "{\"model\":\"gpt-4o\",\"input\":\"Again\",\"previous_response_id\":\"resp_123\"}");

        // THEN docs/azure-facts.md §3.7b
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"message\":\"Previous response with id 'resp_123' not "
                + "found.\",\"type\":\"invalid_request_error\",\"param\":\"previous_response_id\","
                + "\"code\":\"previous_response_not_found\"}}");
    }

    @Test
    void should_refuse_max_output_tokens_below_16() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"Hi\",\"max_output_tokens\":5}");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"message\":\"Invalid 'max_output_tokens': integer below "
                + "minimum value. Expected a value >= 16, but got 5 instead.\",\"type\":\"invalid_request_error\","
                + "\"param\":\"max_output_tokens\",\"code\":\"integer_below_min_value\"}}");
    }

    @Test
    void should_refuse_a_temperature_when_it_is_out_of_range_or_not_a_number() {
        // WHEN
        Answer tooHot = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"Hi\",\"temperature\":3}");
        Answer text = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"Hi\",\"temperature\":\"warm\"}");

        // THEN
        assertThat(tooHot.status()).isEqualTo(400);
        assertThat(json(tooHot).path("error").path("message").asText())
                .isEqualTo("Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.");
        assertThat(json(tooHot).path("error").path("code").asText()).isEqualTo("decimal_above_max_value");
        assertThat(text.status()).isEqualTo(400);
        assertThat(json(text).path("error").path("code").asText()).isEqualTo("invalid_type");
        assertThat(json(text).path("error").path("param").asText()).isEqualTo("temperature");
    }

    @Test
    void should_refuse_an_input_when_it_is_neither_text_nor_items() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":42}");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(json(answer).path("error").path("param").asText()).isEqualTo("input");
        assertThat(json(answer).path("error").path("code").asText()).isEqualTo("invalid_type");
    }

    @Test
    void should_answer_413_when_the_body_exceeds_the_limit() {
        // GIVEN a body just over the test lab's 64 KiB limit
        String big = "{\"model\":\"gpt-4o\",\"input\":\"" + "a".repeat((int) OpenAiLab.MAX_BODY_BYTES) + "\"}";

        // WHEN
        Answer answer = LAB.post(EUS, CREATE, big);

        // THEN
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body())
                .isEqualTo("{\"error\":{\"code\":\"RequestEntityTooLarge\",\"message\":\"Request body is too large.\"}}");
    }

    @Test
    void should_answer_the_documented_response_shape_on_the_wire() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"Shape\",\"metadata\":{\"k\":\"v\"},"
                + "\"user\":\"u-1\",\"temperature\":0.5}");

        // THEN docs/azure-facts.md §1.3: integer created_at, numeric temperature/top_p, boolean parallel_tool_calls
        JsonNode response = json(answer);
        assertThat(response.path("created_at").isIntegralNumber()).isTrue();
        assertThat(response.path("temperature").doubleValue()).isEqualTo(0.5);
        assertThat(response.path("top_p").isNumber()).isTrue();
        assertThat(response.path("parallel_tool_calls").isBoolean()).isTrue();
        assertThat(response.path("metadata").path("k").asText()).isEqualTo("v");
        assertThat(response.path("user").asText()).isEqualTo("u-1");
        assertThat(response.path("store").booleanValue()).isTrue();
        assertThat(response.path("output").get(0).path("content").get(0).path("annotations").isArray()).isTrue();
        assertThat(response.path("usage").path("input_tokens_details").path("cached_tokens").intValue()).isZero();
        assertThat(response.path("usage").path("output_tokens_details").path("reasoning_tokens").intValue()).isZero();
    }

    @Test
    void should_answer_not_found_when_getting_an_unknown_response() {
        // WHEN
        Answer answer = LAB.get(EUS, "/openai/responses/resp_unknown" + VERSION);

        // THEN (Azure's exact body is unconfirmed, docs/azure-facts.md §7; this is OpenAI's)
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"message\":\"Response with id 'resp_unknown' not found.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
    }

    @Test
    void should_answer_not_found_when_deleting_an_unknown_response() {
        // WHEN
        Answer answer = LAB.send(LAB.request(EUS, "/openai/v1/responses/resp_unknown")
                .header("Authorization", "Bearer " + LAB.token("suite-caller")).delete().build());

        // THEN
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("Response with id 'resp_unknown' not found.");
    }

    @Test
    void should_not_keep_the_response_when_store_is_false() {
        // GIVEN
        String id = json(LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"Forget\",\"store\":false}"))
                .path("id").asText();

        // WHEN
        Answer get = LAB.get(EUS, "/openai/responses/" + id + VERSION);
        Answer chained = LAB.post(EUS, CREATE,
                "{\"model\":\"gpt-4o\",\"input\":\"Again\",\"previous_response_id\":\"" + id + "\"}");

        // THEN
        assertThat(get.status()).isEqualTo(404);
        assertThat(chained.status()).isEqualTo(400);
        assertThat(chained.body()).contains("previous_response_not_found");
    }

    @Test
    void should_list_input_items_newest_first_in_pages_when_no_order_is_given() {
        // GIVEN
        String id = json(LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"b\"},{\"role\":\"user\",\"content\":\"c\"}]}")).path("id").asText();

        // WHEN
        JsonNode first = json(LAB.get(EUS, "/openai/responses/" + id + "/input_items" + VERSION + "&limit=2"));
        JsonNode second = json(LAB.get(EUS, "/openai/responses/" + id + "/input_items" + VERSION + "&limit=2&after="
                + first.path("last_id").asText()));

        // THEN
        assertThat(first.path("object").asText()).isEqualTo("list");
        assertThat(texts(first)).containsExactly("c", "b");
        assertThat(first.path("has_more").booleanValue()).isTrue();
        assertThat(first.path("first_id").asText()).isEqualTo(first.path("data").get(0).path("id").asText());
        assertThat(texts(second)).containsExactly("a");
        assertThat(second.path("has_more").booleanValue()).isFalse();
        assertThat(second.path("data").get(0).path("content").get(0).path("type").asText()).isEqualTo("input_text");
        assertThat(second.path("data").get(0).path("role").asText()).isEqualTo("user");
    }

    @Test
    void should_refuse_a_page_size_when_it_is_outside_1_to_100() {
        // GIVEN
        String id = json(LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"x\"}")).path("id").asText();

        // WHEN
        Answer tooMany = LAB.get(EUS, "/openai/responses/" + id + "/input_items" + VERSION + "&limit=101");
        Answer none = LAB.get(EUS, "/openai/responses/" + id + "/input_items" + VERSION + "&limit=0");
        Answer sideways = LAB.get(EUS, "/openai/responses/" + id + "/input_items" + VERSION + "&order=sideways");

        // THEN
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(json(tooMany).path("error").path("message").asText())
                .isEqualTo("Invalid 'limit': integer above maximum value. Expected a value <= 100, but got 101 instead.");
        assertThat(none.status()).isEqualTo(400);
        assertThat(json(none).path("error").path("code").asText()).isEqualTo("integer_below_min_value");
        assertThat(sideways.status()).isEqualTo(400);
        assertThat(json(sideways).path("error").path("param").asText()).isEqualTo("order");
    }

    @Test
    void should_answer_not_found_when_listing_input_items_of_an_unknown_response() {
        // WHEN
        Answer answer = LAB.get(EUS, "/openai/v1/responses/resp_nope/input_items");

        // THEN
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("Response with id 'resp_nope' not found.");
    }

    private static JsonNode json(Answer answer) {
        try {
            return LabJson.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.List<String> texts(JsonNode list) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        list.path("data").forEach(item -> texts.add(item.path("content").get(0).path("text").asText()));
        return texts;
    }
}
