package io.aoailab.lab.apim.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aoailab.lab.tokens.O200kBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Token counts for the token policies (docs/apim-gateway.md §2.8, §2.9): the prompt estimate from a request body (Responses
 * API {@code instructions} + {@code input}, Chat Completions {@code messages}), counted with the lab's one o200k_base encoder ({@link O200kBase}); and the usage
 * a response reports ({@code usage.total_tokens} with {@code input_tokens}/{@code output_tokens} or
 * {@code prompt_tokens}/{@code completion_tokens}), from a JSON body or from the events of a stream. A stream that
 * reports no usage is estimated: prompt estimate plus the tokens of the text deltas (§2.8, "with stream=true ...
 * completion tokens are estimated too").
 *
 * <p>The lab's one reader of a response's {@code usage}: the token limits and the token metrics read it here, and
 * everything else the gateway knows of tokens is read from the metrics it emitted ({@code TokenMetrics}).
 */
final class TokenUsage {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Usage(long prompt, long completion, long total) {
    }

    private TokenUsage() {
    }

    static long count(String text) {
        return O200kBase.count(text);
    }

    static boolean isStreaming(byte[] requestBody) {
        JsonNode body = json(requestBody);
        return body != null && body.path("stream").asBoolean(false);
    }

    /** The prompt tokens of a Responses or Chat Completions request body; a non-JSON body counts as text. */
    static long estimatePrompt(byte[] requestBody) {
        JsonNode body = json(requestBody);
        if (body == null) {
            return count(new String(requestBody, StandardCharsets.UTF_8));
        }
        List<String> texts = new ArrayList<>();
        texts.add(body.path("instructions").asText(""));
        collect(body.path("input"), texts);
        for (JsonNode message : body.path("messages")) {
            collect(message.path("content"), texts);
        }
        return texts.stream().mapToLong(TokenUsage::count).sum();
    }

    // a string, or items/parts carrying "content" or "text"
    private static void collect(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.textValue());
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isTextual()) {
                    texts.add(item.textValue());
                } else if (item.has("content")) {
                    collect(item.get("content"), texts);
                } else if (item.has("text")) {
                    collect(item.get("text"), texts);
                }
            }
        }
    }

    /**
     * Whether the token policies must watch {@code response} pass by rather than read it: its body is still arriving
     * and is a stream (the request asked for one, or the answer is server-sent events). Reading it would hold every
     * event back until the last, which streaming exists to avoid; APIM estimates for streams instead (§2.8).
     */
    static boolean watchAsStream(GatewayResponse response, byte[] requestBody) {
        return response != null && response.stream().isPresent()
                && (isStreaming(requestBody) || isEventStream(response.headers()));
    }

    private static boolean isEventStream(HeaderMap headers) {
        return headers.first("Content-Type").map(t -> t.contains("text/event-stream")).orElse(false);
    }

    /** What the response reports, or an estimate for a stream without usage; empty for anything else. */
    static Optional<Usage> of(GatewayResponse response, long promptEstimate) {
        return response == null ? Optional.empty() : of(response.headers(), response.body(), promptEstimate);
    }

    /** What an answer with these headers and this body reports, or an estimate for a stream without usage. */
    static Optional<Usage> of(HeaderMap headers, byte[] responseBody, long promptEstimate) {
        if (responseBody == null || responseBody.length == 0) {
            return Optional.empty();
        }
        String text = new String(responseBody, StandardCharsets.UTF_8);
        boolean stream = isEventStream(headers) || text.startsWith("event:") || text.startsWith("data:");
        if (!stream) {
            JsonNode body = json(responseBody);
            return body == null ? Optional.empty() : usage(body.path("usage"));
        }
        long completion = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith("data:")) {
                continue;
            }
            JsonNode event = json(line.substring(5).trim().getBytes(StandardCharsets.UTF_8));
            if (event == null) {
                continue;
            }
            Optional<Usage> reported = usage(event.path("response").path("usage")).or(() -> usage(event.path("usage")));
            if (reported.isPresent()) {
                return reported;
            }
            if ("response.output_text.delta".equals(event.path("type").asText())) {
                completion += count(event.path("delta").asText(""));
            }
            for (JsonNode choice : event.path("choices")) {
                completion += count(choice.path("delta").path("content").asText(""));
            }
        }
        return Optional.of(new Usage(promptEstimate, completion, promptEstimate + completion));
    }

    private static Optional<Usage> usage(JsonNode usage) {
        if (!usage.isObject() || !usage.has("total_tokens")) {
            return Optional.empty();
        }
        long prompt = usage.has("input_tokens") ? usage.path("input_tokens").asLong()
                : usage.path("prompt_tokens").asLong();
        long completion = usage.has("output_tokens") ? usage.path("output_tokens").asLong()
                : usage.path("completion_tokens").asLong();
        return Optional.of(new Usage(prompt, completion, usage.path("total_tokens").asLong()));
    }

    private static JsonNode json(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
