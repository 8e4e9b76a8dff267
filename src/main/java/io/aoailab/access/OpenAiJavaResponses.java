package io.aoailab.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FileSearchTool;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The Responses API through openai-java 4.x on the {@code /openai/v1} surface, as Microsoft's current Java guidance
 * builds the client: no api-version, the path mode set explicitly (openai-java treats hosts it does not recognise as
 * non-Azure). openai-java's models are read back as the JSON they came from, so both clients give the scenarios the
 * same {@link Reply}.
 */
final class OpenAiJavaResponses implements ResponsesApi {
    private final OpenAIClient client;

    OpenAiJavaResponses(OpenAIClient client) {
        this.client = client;
    }

    @Override
    public Reply create(Ask ask) {
        return reply(json(client.responses().create(params(ask))));
    }

    @Override
    public StreamedReply stream(Ask ask) {
        List<String> types = new ArrayList<>();
        StringBuilder deltas = new StringBuilder();
        Optional<Reply> completed = Optional.empty();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params(ask))) {
            for (Iterator<ResponseStreamEvent> events = stream.stream().iterator(); events.hasNext(); ) {
                JsonNode event = json(events.next());
                String type = event.path("type").asText();
                types.add(type);
                if (type.equals("response.output_text.delta")) {
                    deltas.append(event.path("delta").asText());
                } else if (type.equals("response.completed")) {
                    completed = Optional.of(reply(event.path("response")));
                }
            }
        }
        return new StreamedReply(types, deltas.toString(), completed);
    }

    @Override
    public Reply retrieve(String responseId) {
        return reply(json(client.responses().retrieve(responseId)));
    }

    @Override
    public boolean delete(String responseId) {
        // openai-java returns nothing: an answer that is not an error is the deletion
        client.responses().delete(responseId);
        return true;
    }

    @Override
    public List<String> inputItemTypes(String responseId) {
        List<String> types = new ArrayList<>();
        client.responses().inputItems().list(responseId).items().forEach(item -> types.add(json(item).path("type")
                .asText()));
        return types;
    }

    private static ResponseCreateParams params(Ask ask) {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(ask.model()).input(ask.input())
                .maxOutputTokens(ask.maxOutputTokens()).store(ask.store());
        ask.previousResponseId().ifPresent(params::previousResponseId);
        if (!ask.vectorStores().isEmpty()) {
            params.addTool(FileSearchTool.builder().vectorStoreIds(ask.vectorStores()).build());
        }
        return params.build();
    }

    private static JsonNode json(Object model) {
        return ObjectMappers.jsonMapper().valueToTree(model);
    }

    static Reply reply(JsonNode response) {
        StringBuilder text = new StringBuilder();
        int citations = 0;
        List<String> types = new ArrayList<>();
        for (JsonNode item : response.path("output")) {
            types.add(item.path("type").asText());
            if (item.path("type").asText().equals("message")) {
                for (JsonNode content : item.path("content")) {
                    if (content.path("type").asText().equals("output_text")) {
                        text.append(content.path("text").asText());
                        citations += content.path("annotations").size();
                    }
                }
            }
        }
        JsonNode previous = response.path("previous_response_id");
        return new Reply(response.path("id").asText(), response.path("status").asText(),
                response.path("model").asText(), text.toString(), TokenUsage.of(response.path("usage")),
                previous.isTextual() ? Optional.of(previous.asText()) : Optional.empty(), types, citations);
    }
}
