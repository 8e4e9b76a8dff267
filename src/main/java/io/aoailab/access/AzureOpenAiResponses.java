package io.aoailab.access;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.ai.openai.responses.models.ListInputItemsRequestOrder;
import com.azure.ai.openai.responses.models.ResponsesAssistantMessage;
import com.azure.ai.openai.responses.models.ResponsesFileSearchTool;
import com.azure.ai.openai.responses.models.ResponsesOutputContentText;
import com.azure.ai.openai.responses.models.ResponsesResponse;
import com.azure.ai.openai.responses.models.ResponsesResponseUsage;
import com.azure.ai.openai.responses.models.ResponsesStreamEvent;
import com.azure.ai.openai.responses.models.ResponsesStreamEventCompleted;
import com.azure.ai.openai.responses.models.ResponsesStreamEventOutputTextDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Responses API through azure-ai-openai 1.0.0-beta.16's {@link ResponsesClient} (dated api-version). */
final class AzureOpenAiResponses implements ResponsesApi {
    private final ResponsesClient client;

    AzureOpenAiResponses(ResponsesClient client) {
        this.client = client;
    }

    @Override
    public Reply create(Ask ask) {
        return reply(client.createResponse(request(ask)));
    }

    @Override
    public StreamedReply stream(Ask ask) {
        List<String> types = new ArrayList<>();
        StringBuilder deltas = new StringBuilder();
        Optional<Reply> completed = Optional.empty();
        for (ResponsesStreamEvent event : client.createResponseStreaming(request(ask))) {
            types.add(String.valueOf(event.getType()));
            if (event instanceof ResponsesStreamEventOutputTextDelta delta) {
                deltas.append(delta.getDelta());
            } else if (event instanceof ResponsesStreamEventCompleted done) {
                completed = Optional.of(reply(done.getResponse()));
            }
        }
        return new StreamedReply(types, deltas.toString(), completed);
    }

    @Override
    public Reply retrieve(String responseId) {
        return reply(client.getResponse(responseId));
    }

    @Override
    public boolean delete(String responseId) {
        return client.deleteResponse(responseId).isDeleted();
    }

    @Override
    public List<String> inputItemTypes(String responseId) {
        List<String> types = new ArrayList<>();
        client.listInputItems(responseId, 100, ListInputItemsRequestOrder.ASC)
                .forEach(item -> types.add(String.valueOf(item.getType())));
        return types;
    }

    private static CreateResponsesRequest request(Ask ask) {
        CreateResponsesRequest request = new CreateResponsesRequest(CreateResponsesRequestModel.fromString(ask.model()),
                ask.input()).setMaxOutputTokens(ask.maxOutputTokens()).setStore(ask.store());
        ask.previousResponseId().ifPresent(request::setPreviousResponseId);
        if (!ask.vectorStores().isEmpty()) {
            request.setTools(List.of(new ResponsesFileSearchTool(ask.vectorStores())));
        }
        return request;
    }

    private static Reply reply(ResponsesResponse response) {
        StringBuilder text = new StringBuilder();
        int citations = 0;
        List<String> types = new ArrayList<>();
        for (var item : response.getOutput()) {
            types.add(String.valueOf(item.getType()));
            if (item instanceof ResponsesAssistantMessage message) {
                for (var content : message.getContent()) {
                    if (content instanceof ResponsesOutputContentText part) {
                        text.append(part.getText());
                        citations += part.getAnnotations() == null ? 0 : part.getAnnotations().size();
                    }
                }
            }
        }
        ResponsesResponseUsage usage = response.getUsage();
        return new Reply(response.getId(), String.valueOf(response.getStatus()), response.getModel(), text.toString(),
                Optional.ofNullable(usage).map(u -> new TokenUsage(u.getInputTokens(), u.getOutputTokens(),
                        u.getTotalTokens())),
                Optional.ofNullable(response.getPreviousResponseId()), types, citations);
    }
}
