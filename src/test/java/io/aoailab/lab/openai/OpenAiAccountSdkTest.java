package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.EUS;
import static io.aoailab.lab.openai.OpenAiLab.EUS2;
import static io.aoailab.lab.openai.OpenAiLab.GPT_4O;
import static io.aoailab.lab.openai.OpenAiLab.GPT_4O_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.ai.openai.responses.models.DeleteResponseResponse;
import com.azure.ai.openai.responses.models.ListInputItemsRequestOrder;
import com.azure.ai.openai.responses.models.ResponsesAssistantMessage;
import com.azure.ai.openai.responses.models.ResponsesContent;
import com.azure.ai.openai.responses.models.ResponsesFileSearchTool;
import com.azure.ai.openai.responses.models.ResponsesInputContentText;
import com.azure.ai.openai.responses.models.ResponsesItem;
import com.azure.ai.openai.responses.models.ResponsesMessage;
import com.azure.ai.openai.responses.models.ResponsesOutputContentText;
import com.azure.ai.openai.responses.models.ResponsesResponse;
import com.azure.ai.openai.responses.models.ResponsesResponseIncompleteDetailsReason;
import com.azure.ai.openai.responses.models.ResponsesResponseStatus;
import com.azure.ai.openai.responses.models.ResponsesStreamEvent;
import com.azure.ai.openai.responses.models.ResponsesStreamEventCompleted;
import com.azure.ai.openai.responses.models.ResponsesStreamEventOutputTextDelta;
import com.azure.ai.openai.responses.models.ResponsesStreamEventOutputTextDone;
import com.azure.ai.openai.responses.models.ResponsesStreamEventType;
import com.azure.ai.openai.responses.models.ResponsesSystemMessage;
import com.azure.ai.openai.responses.models.ResponsesUserMessage;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** The real azure-ai-openai 1.0.0-beta.16 {@code ResponsesClient} against the lab account, over HTTPS. */
class OpenAiAccountSdkTest {
    @RegisterExtension
    static final OpenAiLab LAB = new OpenAiLab();

    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @Test
    void should_create_a_response_the_sdk_reads_when_called_with_a_token() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");
        CreateResponsesRequest request = new CreateResponsesRequest(model(GPT_4O), "Hello there")
                .setInstructions("Answer briefly.");

        // WHEN
        ResponsesResponse response = client.createResponse(request);

        // THEN
        assertThat(response.getId()).matches("resp_[0-9a-f]{48}");
        assertThat(response.getObject()).isEqualTo("response");
        assertThat(response.getStatus()).isEqualTo(ResponsesResponseStatus.COMPLETED);
        assertThat(response.getModel()).isEqualTo(GPT_4O_MODEL);
        assertThat(response.getCreatedAt().toEpochSecond()).isEqualTo(LAB.clock().instant().getEpochSecond());
        assertThat(response.getTemperature()).isEqualTo(1.0);
        assertThat(response.getTopP()).isEqualTo(1.0);
        assertThat(response.isParallelToolCalls()).isTrue();
        assertThat(response.getInstructions()).isEqualTo("Answer briefly.");
        assertThat(response.getOutput()).singleElement().isInstanceOf(ResponsesAssistantMessage.class);
        assertThat(response.getOutput().get(0).getId()).matches("msg_[0-9a-f]{48}");
        assertThat(text(response)).contains("gpt-4o", "East US", "Hello there");
    }

    @Test
    void should_count_usage_with_o200k_base_when_creating_a_response() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");
        CreateResponsesRequest request = new CreateResponsesRequest(model(GPT_4O),
                List.of(new ResponsesSystemMessage(List.of(new ResponsesInputContentText("You are terse."))),
                        user("What is the capital of France?")))
                .setInstructions("Answer in one line.");

        // WHEN
        ResponsesResponse response = client.createResponse(request);

        // THEN
        int input = O200K.countTokensOrdinary("Answer in one line.") + O200K.countTokensOrdinary("You are terse.")
                + O200K.countTokensOrdinary("What is the capital of France?");
        assertThat(response.getUsage().getInputTokens()).isEqualTo(input);
        assertThat(response.getUsage().getOutputTokens()).isEqualTo(O200K.countTokensOrdinary(text(response)));
        assertThat(response.getUsage().getTotalTokens())
                .isEqualTo(response.getUsage().getInputTokens() + response.getUsage().getOutputTokens());
        assertThat(response.getUsage().getOutputTokensDetails().getReasoningTokens()).isZero();
    }

    @Test
    void should_answer_the_same_text_when_the_same_input_is_sent_twice() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");

        // WHEN
        String first = text(client.createResponse(new CreateResponsesRequest(model(GPT_4O), "Same words")));
        String second = text(client.createResponse(new CreateResponsesRequest(model(GPT_4O), "Same words")));

        // THEN
        assertThat(second).isEqualTo(first);
    }

    @Test
    void should_stream_events_in_order_whose_deltas_make_the_text_when_streaming() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");

        // WHEN
        List<ResponsesStreamEvent> events = client.createResponseStreaming(
                new CreateResponsesRequest(model(GPT_4O), "Stream this please")).stream().collect(Collectors.toList());

        // THEN
        List<ResponsesStreamEventType> types = events.stream().map(ResponsesStreamEvent::getType).distinct().toList();
        assertThat(types).containsExactly(ResponsesStreamEventType.RESPONSE_CREATED,
                ResponsesStreamEventType.RESPONSE_IN_PROGRESS, ResponsesStreamEventType.RESPONSE_OUTPUT_ITEM_ADDED,
                ResponsesStreamEventType.RESPONSE_CONTENT_PART_ADDED, ResponsesStreamEventType.RESPONSE_OUTPUT_TEXT_DELTA,
                ResponsesStreamEventType.RESPONSE_OUTPUT_TEXT_DONE, ResponsesStreamEventType.RESPONSE_CONTENT_PART_DONE,
                ResponsesStreamEventType.RESPONSE_OUTPUT_ITEM_DONE, ResponsesStreamEventType.RESPONSE_COMPLETED);
        String deltas = events.stream().filter(ResponsesStreamEventOutputTextDelta.class::isInstance)
                .map(e -> ((ResponsesStreamEventOutputTextDelta) e).getDelta()).collect(Collectors.joining());
        ResponsesResponse completed = ((ResponsesStreamEventCompleted) events.get(events.size() - 1)).getResponse();
        assertThat(deltas).isEqualTo(text(completed)).contains("Stream this please");
        assertThat(events).filteredOn(ResponsesStreamEventOutputTextDone.class::isInstance).singleElement()
                .extracting(e -> ((ResponsesStreamEventOutputTextDone) e).getText()).isEqualTo(deltas);
        assertThat(completed.getUsage().getOutputTokens()).isEqualTo(O200K.countTokensOrdinary(deltas));
    }

    @Test
    void should_return_the_stored_response_when_getting_it_by_id() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");
        ResponsesResponse created = client.createResponse(new CreateResponsesRequest(model(GPT_4O), "Keep me"));

        // WHEN
        ResponsesResponse fetched = client.getResponse(created.getId());

        // THEN
        assertThat(fetched.getId()).isEqualTo(created.getId());
        assertThat(text(fetched)).isEqualTo(text(created));
        assertThat(fetched.getUsage().getTotalTokens()).isEqualTo(created.getUsage().getTotalTokens());
    }

    @Test
    void should_forget_the_response_when_it_is_deleted() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");
        String id = client.createResponse(new CreateResponsesRequest(model(GPT_4O), "Delete me")).getId();

        // WHEN
        DeleteResponseResponse deleted = client.deleteResponse(id);

        // THEN
        assertThat(deleted.getObject()).isEqualTo("response.deleted");
        assertThat(deleted.getId()).isEqualTo(id);
        assertThat(deleted.isDeleted()).isTrue();
        ResourceNotFoundException notFound = catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.getResponse(id));
        assertThat(notFound.getResponse().getStatusCode()).isEqualTo(404);
        assertThat(notFound.getMessage()).contains("Response with id '" + id + "' not found.");
    }

    @Test
    void should_page_through_every_input_item_when_listing_them_in_small_pages() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");
        String id = client.createResponse(new CreateResponsesRequest(model(GPT_4O),
                List.of(user("one"), user("two"), user("three")))).getId();

        // WHEN
        List<ResponsesItem> items = client.listInputItems(id, 2, ListInputItemsRequestOrder.ASC).stream().toList();

        // THEN
        assertThat(items).hasSize(3).allSatisfy(item -> assertThat(item.getId()).matches("msg_[0-9a-f]{48}"));
        assertThat(items).extracting(item -> inputText((ResponsesMessage) item)).containsExactly("one", "two", "three");
    }

    @Test
    void should_count_the_previous_conversation_as_input_when_chaining_responses() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");
        ResponsesResponse first = client.createResponse(new CreateResponsesRequest(model(GPT_4O), "My name is Ada.")
                .setInstructions("Remember names."));

        // WHEN
        ResponsesResponse second = client.createResponse(new CreateResponsesRequest(model(GPT_4O), "What is my name?")
                .setPreviousResponseId(first.getId()));

        // THEN
        assertThat(second.getPreviousResponseId()).isEqualTo(first.getId());
        assertThat(text(second)).contains("turn 2");
        // earlier input and output count, earlier instructions do not (OpenAI semantics)
        assertThat(second.getUsage().getInputTokens()).isEqualTo(O200K.countTokensOrdinary("My name is Ada.")
                + O200K.countTokensOrdinary(text(first)) + O200K.countTokensOrdinary("What is my name?"));
    }

    @Test
    void should_cut_the_reply_and_say_incomplete_when_it_exceeds_max_output_tokens() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");

        // WHEN
        ResponsesResponse response = client.createResponse(
                new CreateResponsesRequest(model(GPT_4O), "Tell me a long story").setMaxOutputTokens(16));

        // THEN
        assertThat(response.getStatus()).isEqualTo(ResponsesResponseStatus.INCOMPLETE);
        assertThat(response.getIncompleteDetails().getReason())
                .isEqualTo(ResponsesResponseIncompleteDetailsReason.MAX_OUTPUT_TOKENS);
        assertThat(response.getMaxOutputTokens()).isEqualTo(16);
        assertThat(response.getUsage().getOutputTokens()).isEqualTo(O200K.countTokensOrdinary(text(response)))
                .isLessThanOrEqualTo(16);
    }

    @Test
    void should_accept_and_echo_a_file_search_tool_when_one_is_sent() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "suite-caller");

        // WHEN
        ResponsesResponse response = client.createResponse(new CreateResponsesRequest(model(GPT_4O), "Search")
                .setTools(List.of(new ResponsesFileSearchTool(List.of("vs_lab_docs")))));

        // THEN
        assertThat(response.getTools()).singleElement().isInstanceOfSatisfying(ResponsesFileSearchTool.class,
                tool -> assertThat(tool.getVectorStoreIds()).containsExactly("vs_lab_docs"));
    }

    @Test
    void should_let_a_pipeline_policy_read_the_region_header_when_each_account_answers() {
        // GIVEN
        HeaderCapture east = new HeaderCapture();
        HeaderCapture east2 = new HeaderCapture();
        CreateResponsesRequest request = new CreateResponsesRequest(model(GPT_4O), "Where are you?");

        // WHEN
        LAB.client(EUS, "suite-caller", east).createResponse(request);
        LAB.client(EUS2, "suite-caller", east2).createResponse(request);

        // THEN
        assertThat(east.last().getValue(HttpHeaderName.fromString("x-ms-region"))).isEqualTo("East US");
        assertThat(east2.last().getValue(HttpHeaderName.fromString("x-ms-region"))).isEqualTo("East US 2");
        assertThat(east.last().getValue(HttpHeaderName.fromString("x-ms-deployment-name"))).isEqualTo(GPT_4O);
        assertThat(east.last().getValue(HttpHeaderName.fromString("apim-request-id"))).isNotBlank();
        assertThat(east.last().getValue(HttpHeaderName.fromString("x-request-id"))).isNotBlank();
        assertThat(east.last().getValue(HttpHeaderName.fromString("x-ms-client-request-id"))).isNotBlank();
        assertThat(east.last().getValue(HttpHeaderName.fromString("x-ratelimit-limit-tokens"))).isEqualTo("450000");
    }

    @Test
    void should_raise_client_authentication_exception_when_the_principal_lacks_the_role() {
        // GIVEN
        ResponsesClient client = LAB.client(EUS, "no-role");

        // WHEN
        ClientAuthenticationException denied = catchThrowableOfType(ClientAuthenticationException.class,
                () -> client.createResponse(new CreateResponsesRequest(model(GPT_4O), "Hi")));

        // THEN docs/azure-facts.md §0.1/§0.2: 401, which beta.16 maps to ClientAuthenticationException
        assertThat(denied.getResponse().getStatusCode()).isEqualTo(401);
        assertThat(denied.getMessage()).contains("PermissionDenied");
    }

    private static CreateResponsesRequestModel model(String deployment) {
        return CreateResponsesRequestModel.fromString(deployment);
    }

    private static ResponsesUserMessage user(String text) {
        return new ResponsesUserMessage(List.of(new ResponsesInputContentText(text)));
    }

    private static String text(ResponsesResponse response) {
        ResponsesAssistantMessage message = (ResponsesAssistantMessage) response.getOutput().get(0);
        ResponsesContent content = message.getContent().get(0);
        return ((ResponsesOutputContentText) content).getText();
    }

    private static String inputText(ResponsesMessage message) {
        ResponsesContent content = ((ResponsesUserMessage) message).getContent().get(0);
        return ((ResponsesInputContentText) content).getText();
    }

    /** Reads response headers, which beta.16 exposes no other way (docs/azure-facts.md §0.5, §6.1). */
    static final class HeaderCapture implements HttpPipelinePolicy {
        private final AtomicReference<HttpHeaders> last = new AtomicReference<>();

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            return next.process().doOnNext(response -> last.set(response.getHeaders()));
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            HttpResponse response = next.processSync();
            last.set(response.getHeaders());
            return response;
        }

        HttpHeaders last() {
            return last.get();
        }
    }
}
