package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.EUS;
import static io.aoailab.lab.openai.OpenAiLab.GPT_4O;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.ai.openai.responses.models.ResponsesAssistantMessage;
import com.azure.ai.openai.responses.models.ResponsesFileSearchCallItem;
import com.azure.ai.openai.responses.models.ResponsesFileSearchCallItemStatus;
import com.azure.ai.openai.responses.models.ResponsesFileSearchTool;
import com.azure.ai.openai.responses.models.ResponsesOutputContentText;
import com.azure.ai.openai.responses.models.ResponsesOutputTextAnnotationFileCitation;
import com.azure.ai.openai.responses.models.ResponsesResponse;
import com.azure.ai.openai.responses.models.ResponsesStreamEvent;
import com.azure.ai.openai.responses.models.ResponsesStreamEventFileSearchCallCompleted;
import com.azure.ai.openai.responses.models.ResponsesStreamEventFileSearchCallSearching;
import com.azure.ai.openai.responses.models.ResponsesStreamEventType;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.aoailab.lab.http.LabJson;
import io.aoailab.testing.Answer;
import io.aoailab.lab.rbac.RoleAssignment;
import io.aoailab.lab.rbac.RoleDefinition;
import io.aoailab.lab.topology.StorageSpec;
import io.aoailab.lab.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Responses {@code file_search} tool over the shipped topology's vector store {@code vs_lab_docs}: files in
 * {@code stlabbyo/docs}, retrieval on {@code srch-aoai-lab/docs-index}, reached as the account's managed identity
 * {@code aoai-eus-identity}. Mostly through the real beta.16 {@code ResponsesClient}; raw where beta.16 hides a field.
 */
class OpenAiAccountFileSearchTest {
    @RegisterExtension
    static final OpenAiLab LAB = new OpenAiLab();

    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final String QUESTION = "How long do I have to return an item?";
    private static final String VECTOR_STORE = "vs_lab_docs";
    private static final String CREATE = "/openai/responses?api-version=2025-03-01-preview";
    private static final String IDENTITY = "aoai-eus-identity";

    @Test
    void should_answer_from_the_returns_policy_and_cite_it_when_file_search_runs() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");

        // WHEN
        ResponsesResponse response = client.createResponse(fileSearch(VECTOR_STORE));

        // THEN
        assertThat(response.getOutput()).hasSize(2);
        ResponsesFileSearchCallItem call = (ResponsesFileSearchCallItem) response.getOutput().get(0);
        assertThat(call.getId()).matches("fs_[0-9a-f]{48}");
        assertThat(call.getStatus()).isEqualTo(ResponsesFileSearchCallItemStatus.COMPLETED);
        assertThat(call.getQueries()).containsExactly("long longs return returns item items");
        assertThat(call.getResults()).isNull();
        ResponsesOutputContentText content = content(response);
        assertThat(content.getText()).contains("30 days", "returns-policy.md");
        assertThat(content.getAnnotations()).singleElement()
                .isInstanceOfSatisfying(ResponsesOutputTextAnnotationFileCitation.class, citation -> {
                    assertThat(citation.getFileId()).matches("assistant-[A-Za-z0-9]{22}");
                    assertThat(citation.getIndex()).isEqualTo(content.getText().length());
                });
    }

    @Test
    void should_count_the_retrieved_file_as_input_tokens_when_file_search_runs() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");
        String file = blob("returns-policy.md");

        // WHEN
        ResponsesResponse response = client.createResponse(fileSearch(VECTOR_STORE));

        // THEN the shipped index has two documents and the question matches only the returns policy
        assertThat(response.getUsage().getInputTokens())
                .isEqualTo(O200K.countTokensOrdinary(QUESTION) + O200K.countTokensOrdinary(file));
        assertThat(response.getUsage().getOutputTokens()).isEqualTo(O200K.countTokensOrdinary(content(response).getText()));
    }

    @Test
    void should_list_results_with_the_file_text_and_name_the_file_when_include_asks_for_them() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"" + QUESTION + "\",\"tools\":"
                + "[{\"type\":\"file_search\",\"vector_store_ids\":[\"vs_lab_docs\"],\"max_num_results\":1}],"
                + "\"include\":[\"file_search_call.results\"]}");

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        JsonNode output = json(answer.body()).path("output");
        JsonNode result = output.path(0).path("results").path(0);
        assertThat(output.path(0).path("results")).hasSize(1);
        assertThat(result.path("filename").asText()).isEqualTo("returns-policy.md");
        assertThat(result.path("text").asText()).isEqualTo(blob("returns-policy.md"));
        assertThat(result.path("score").doubleValue()).isPositive();
        JsonNode citation = output.path(1).path("content").path(0).path("annotations").path(0);
        assertThat(citation.path("type").asText()).isEqualTo("file_citation");
        assertThat(citation.path("filename").asText()).isEqualTo("returns-policy.md");
        assertThat(citation.path("file_id").asText()).isEqualTo(result.path("file_id").asText());
    }

    @Test
    void should_stream_the_file_search_events_before_the_message_when_streaming() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");

        // WHEN
        List<ResponsesStreamEvent> events = new ArrayList<>();
        client.createResponseStreaming(fileSearch(VECTOR_STORE)).forEach(events::add);

        // THEN beta.16 reads response.file_search_call.in_progress as the base event with no type (its typo, docs/azure-facts.md §1.4)
        List<ResponsesStreamEventType> types = events.stream().map(ResponsesStreamEvent::getType).toList();
        assertThat(types.subList(0, 8)).containsExactly(ResponsesStreamEventType.RESPONSE_CREATED,
                ResponsesStreamEventType.RESPONSE_IN_PROGRESS, ResponsesStreamEventType.RESPONSE_OUTPUT_ITEM_ADDED,
                null, ResponsesStreamEventType.RESPONSE_FILE_SEARCH_CALL_SEARCHING,
                ResponsesStreamEventType.RESPONSE_FILE_SEARCH_CALL_COMPLETED,
                ResponsesStreamEventType.RESPONSE_OUTPUT_ITEM_DONE, ResponsesStreamEventType.RESPONSE_OUTPUT_ITEM_ADDED);
        assertThat(((ResponsesStreamEventFileSearchCallSearching) events.get(4)).getOutputIndex()).isZero();
        assertThat(((ResponsesStreamEventFileSearchCallCompleted) events.get(5)).getItemId()).startsWith("fs_");
        assertThat(types).containsSubsequence(ResponsesStreamEventType.RESPONSE_OUTPUT_TEXT_DELTA,
                ResponsesStreamEventType.RESPONSE_OUTPUT_TEXT_ANNOTATION_ADDED,
                ResponsesStreamEventType.RESPONSE_OUTPUT_TEXT_DONE, ResponsesStreamEventType.RESPONSE_COMPLETED);
        assertThat(types.get(types.size() - 1)).isEqualTo(ResponsesStreamEventType.RESPONSE_COMPLETED);
    }

    @Test
    void should_send_the_real_in_progress_event_name_on_the_wire_when_streaming() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"" + QUESTION + "\",\"stream\":true,"
                + "\"tools\":[{\"type\":\"file_search\",\"vector_store_ids\":[\"vs_lab_docs\"]}]}");

        // THEN
        List<String> names = new ArrayList<>();
        for (String frame : answer.body().split("\n\n")) {
            names.add(frame.split("\n")[0].substring("event: ".length()));
        }
        assertThat(names.subList(2, 7)).containsExactly("response.output_item.added",
                "response.file_search_call.in_progress", "response.file_search_call.searching",
                "response.file_search_call.completed", "response.output_item.done");
    }

    @Test
    void should_refuse_with_401_naming_the_vector_store_action_when_the_caller_lacks_it() {
        // GIVEN a principal that may create responses but not use vector stores
        RoleDefinition responsesOnly = new RoleDefinition("Responses only (test)", "00000000-0000-0000-0000-0000000000f5",
                List.of("Microsoft.CognitiveServices/accounts/OpenAI/responses/*"), List.of(), List.of(), List.of());
        RoleAssignment grant = new RoleAssignment(LAB.objectId("no-role"), responsesOnly, accountScope());
        LAB.access().assign(grant);
        try {
            ResponsesClient client = LAB.client(EUS, "no-role");

            // WHEN
            ClientAuthenticationException denied = catchThrowableOfType(ClientAuthenticationException.class,
                    () -> client.createResponse(fileSearch(VECTOR_STORE)));

            // THEN docs/azure-facts.md §3.4
            assertThat(denied.getResponse().getStatusCode()).isEqualTo(401);
            assertThat(denied.getMessage()).contains("PermissionDenied", "The principal `" + LAB.objectId("no-role")
                    + "` lacks the required data action `" + FileSearch.VECTOR_STORE_READ
                    + "` to perform `POST /openai/responses` operation.");
        } finally {
            LAB.access().revoke(grant);
        }
    }

    @Test
    void should_answer_404_when_the_vector_store_is_unknown() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");

        // WHEN
        ResourceNotFoundException notFound = catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.createResponse(fileSearch("vs_missing")));

        // THEN
        assertThat(notFound.getResponse().getStatusCode()).isEqualTo(404);
        assertThat(notFound.getMessage()).contains("Vector store with id 'vs_missing' not found.");
    }

    @Test
    void should_fail_with_400_naming_the_identity_and_the_search_action_when_the_identity_lacks_search_access() {
        // GIVEN
        RoleAssignment searchRole = identityAssignment("Search Index Data Reader");
        LAB.access().revoke(searchRole);
        try {
            ResponsesClient client = LAB.client(EUS, "suite-caller");

            // WHEN
            HttpResponseException failed = catchThrowableOfType(HttpResponseException.class,
                    () -> client.createResponse(fileSearch(VECTOR_STORE)));

            // THEN
            assertThat(failed.getResponse().getStatusCode()).isEqualTo(400);
            assertThat(failed.getMessage()).contains("`" + LAB.objectId(IDENTITY) + "`",
                    "`Microsoft.Search/searchServices/indexes/documents/read`",
                    "/providers/Microsoft.Search/searchServices/srch-aoai-lab/indexes/docs-index", VECTOR_STORE);
        } finally {
            LAB.access().assign(searchRole);
        }
    }

    @Test
    void should_fail_with_400_naming_the_identity_and_the_blob_action_when_the_identity_lacks_storage_access() {
        // GIVEN
        RoleAssignment storageRole = identityAssignment("Storage Blob Data Reader");
        LAB.access().revoke(storageRole);
        try {
            ResponsesClient client = LAB.client(EUS, "suite-caller");

            // WHEN
            HttpResponseException failed = catchThrowableOfType(HttpResponseException.class,
                    () -> client.createResponse(fileSearch(VECTOR_STORE)));

            // THEN
            assertThat(failed.getResponse().getStatusCode()).isEqualTo(400);
            assertThat(failed.getMessage()).contains("`" + LAB.objectId(IDENTITY) + "`",
                    "`Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read`",
                    "/providers/Microsoft.Storage/storageAccounts/stlabbyo/blobServices/default/containers/docs");
        } finally {
            LAB.access().assign(storageRole);
        }
    }

    @Test
    void should_carry_the_request_id_and_a_numeric_code_in_the_400_as_on_your_data_does() {
        // GIVEN
        RoleAssignment storageRole = identityAssignment("Storage Blob Data Reader");
        LAB.access().revoke(storageRole);
        try {
            // WHEN
            Answer answer = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"" + QUESTION + "\",\"tools\":"
                    + "[{\"type\":\"file_search\",\"vector_store_ids\":[\"vs_lab_docs\"]}]}");

            // THEN sample-app-aoai-chatGPT#624's envelope (see AzureErrors.groundingAccessDenied)
            assertThat(answer.status()).isEqualTo(400);
            JsonNode error = json(answer.body()).path("error");
            assertThat(error.path("code").isInt()).isTrue();
            assertThat(error.path("code").intValue()).isEqualTo(400);
            assertThat(error.path("requestid").asText()).isNotBlank();
            assertThat(error.path("message").asText()).startsWith(
                    "Invalid file_search configuration detected for vector store 'vs_lab_docs'");
        } finally {
            LAB.access().assign(storageRole);
        }
    }

    @Test
    void should_refuse_max_num_results_above_50_with_400() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"x\",\"tools\":"
                + "[{\"type\":\"file_search\",\"vector_store_ids\":[\"vs_lab_docs\"],\"max_num_results\":51}]}");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(json(answer.body()).path("error").path("param").asText()).isEqualTo("tools[0].max_num_results");
    }

    @Test
    void should_answer_without_a_citation_when_nothing_in_the_store_matches() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");

        // WHEN
        ResponsesResponse response = client.createResponse(
                new CreateResponsesRequest(CreateResponsesRequestModel.fromString(GPT_4O), "Zebras?")
                        .setTools(List.of(new ResponsesFileSearchTool(List.of(VECTOR_STORE)))));

        // THEN
        assertThat(((ResponsesFileSearchCallItem) response.getOutput().get(0)).getQueries())
                .containsExactly("zebras");
        assertThat(content(response).getAnnotations()).isEmpty();
        assertThat(content(response).getText()).endsWith("The vector store has nothing on that.");
    }

    @Test
    void should_still_serve_the_other_account_when_one_identity_loses_its_role() {
        // GIVEN roles are per identity: aoai-eus2 reaches search as aoai-eus2-identity
        RoleAssignment searchRole = identityAssignment("Search Index Data Reader");
        LAB.access().revoke(searchRole);
        try {
            // WHEN
            ResponsesResponse response = LAB.client(OpenAiLab.EUS2, "suite-caller")
                    .createResponse(fileSearch(VECTOR_STORE));

            // THEN
            assertThat(content(response).getText()).contains("30 days");
        } finally {
            LAB.access().assign(searchRole);
        }
    }

    private static CreateResponsesRequest fileSearch(String vectorStore) {
        return new CreateResponsesRequest(CreateResponsesRequestModel.fromString(GPT_4O), QUESTION)
                .setTools(List.of(new ResponsesFileSearchTool(List.of(vectorStore))));
    }

    private static ResponsesOutputContentText content(ResponsesResponse response) {
        ResponsesAssistantMessage message = (ResponsesAssistantMessage) response.getOutput().get(1);
        return (ResponsesOutputContentText) message.getContent().get(0);
    }

    /** The assignment the shipped topology gives aoai-eus's identity, found by role name. */
    private static RoleAssignment identityAssignment(String role) {
        return LAB.access().assignments().stream()
                .filter(a -> a.principalObjectId().equals(LAB.objectId(IDENTITY)))
                .filter(a -> a.role().name().equals(role))
                .findFirst().orElseThrow();
    }

    private static String accountScope() {
        Topology topology = LAB.topology();
        return topology.accountScope(topology.account(EUS).orElseThrow());
    }

    private static String blob(String name) {
        return LAB.topology().storageAccount("stlabbyo").flatMap(s -> s.container("docs")).orElseThrow().blobs()
                .stream().filter(b -> b.name().equals(name)).map(StorageSpec.Blob::content).findFirst().orElseThrow();
    }

    private static JsonNode json(String body) {
        try {
            return LabJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
