package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.EUS;
import static io.aoailab.lab.openai.OpenAiLab.EUS2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpHeaderName;
import io.aoailab.testing.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stored state is per resource (docs/azure-facts.md §0.9, §3.7b): East US's responses are unknown to East US 2. */
class OpenAiAccountTwoRegionsTest {
    @RegisterExtension
    static final OpenAiLab LAB = new OpenAiLab();

    static final String VERSION = "?api-version=2025-03-01-preview";

    @Test
    void should_not_find_a_response_when_it_is_fetched_from_the_other_region() {
        // GIVEN
        ResponsesClient east = LAB.client(EUS, "suite-caller");
        ResponsesClient east2 = LAB.client(EUS2, "suite-caller");
        String id = east.createResponse(new CreateResponsesRequest(model(), "Stored in East US")).getId();

        // WHEN
        ResourceNotFoundException notFound = catchThrowableOfType(ResourceNotFoundException.class,
                () -> east2.getResponse(id));

        // THEN
        assertThat(notFound.getResponse().getStatusCode()).isEqualTo(404);
        assertThat(notFound.getResponse().getHeaderValue(HttpHeaderName.fromString("x-ms-region"))).isEqualTo("East US 2");
        assertThat(east.getResponse(id).getId()).isEqualTo(id);
    }

    @Test
    void should_refuse_chaining_when_the_previous_response_lives_in_the_other_region() {
        // GIVEN
        String id = LAB.client(EUS, "suite-caller")
                .createResponse(new CreateResponsesRequest(model(), "First turn in East US")).getId();

        // WHEN
        HttpResponseException refused = catchThrowableOfType(HttpResponseException.class,
                () -> LAB.client(EUS2, "suite-caller").createResponse(
                        new CreateResponsesRequest(model(), "Second turn").setPreviousResponseId(id)));

        // THEN
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("previous_response_not_found", "Previous response with id '" + id);
    }

    @Test
    void should_answer_not_found_on_the_wire_when_another_region_is_asked_for_input_items_or_deletion() {
        // GIVEN
        String id = LAB.client(EUS, "suite-caller")
                .createResponse(new CreateResponsesRequest(model(), "Only here")).getId();

        // WHEN
        Answer items = LAB.get(EUS2, "/openai/responses/" + id + "/input_items" + VERSION);
        Answer deleted = LAB.send(LAB.request(EUS2, "/openai/responses/" + id + VERSION)
                .header("Authorization", "Bearer " + LAB.token("suite-caller")).delete().build());

        // THEN
        assertThat(items.status()).isEqualTo(404);
        assertThat(items.body()).contains("Response with id '" + id + "' not found.");
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(LAB.get(EUS, "/openai/responses/" + id + VERSION).status()).isEqualTo(200);
    }

    @Test
    void should_say_which_region_answered_in_the_text_and_the_header() {
        // WHEN
        Answer east = LAB.post(EUS, "/openai/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"Hi\"}");
        Answer east2 = LAB.post(EUS2, "/openai/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"Hi\"}");

        // THEN
        assertThat(east.header("x-ms-region")).isEqualTo("East US");
        assertThat(east2.header("x-ms-region")).isEqualTo("East US 2");
        assertThat(east.body()).contains("in East US,");
        assertThat(east2.body()).contains("in East US 2,");
    }

    private static CreateResponsesRequestModel model() {
        return CreateResponsesRequestModel.fromString("gpt-4o");
    }
}
