package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;

/**
 * The JSON of a response object and its parts, shaped as facts §1.3 requires: what the v1 sample shows, with the types
 * the azure-ai-openai beta.16 deserializer reads with primitives ({@code created_at} an integer, {@code temperature}
 * and {@code top_p} numbers, {@code parallel_tool_calls} a boolean), and {@code model} echoing the model behind the
 * deployment, not the deployment name.
 */
final class ResponseJson {
    private ResponseJson() {
    }

    /** The assistant's message: one {@code output_text} part with no annotations. */
    static ObjectNode message(String id, String status, String text) {
        ObjectNode message = LabJson.object();
        message.put("id", id).put("type", "message").put("status", status).put("role", "assistant");
        message.putArray("content").add(outputText(text));
        return message;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = LabJson.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    static ObjectNode usage(int inputTokens, int outputTokens) {
        ObjectNode usage = LabJson.object().put("input_tokens", inputTokens);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", outputTokens);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", inputTokens + outputTokens);
        return usage;
    }

    /**
     * A complete response object.
     *
     * @param status {@code completed}, {@code incomplete} or (while streaming) {@code in_progress}
     * @param incompleteReason {@code max_output_tokens} when cut short, else null
     * @param output the output items
     * @param usage the usage, or null while in progress
     */
    static ObjectNode response(String id, long createdAt, String status, String incompleteReason, CreateRequest request,
            String model, ArrayNode output, ObjectNode usage) {
        ObjectNode response = LabJson.object();
        response.put("id", id).put("object", "response").put("created_at", createdAt).put("status", status);
        response.put("background", false);
        response.putNull("error");
        if (incompleteReason == null) {
            response.putNull("incomplete_details");
        } else {
            response.putObject("incomplete_details").put("reason", incompleteReason);
        }
        response.put("instructions", request.instructions());
        response.put("max_output_tokens", request.maxOutputTokens());
        response.put("model", model);
        response.set("output", output);
        response.put("parallel_tool_calls", request.parallelToolCalls());
        response.put("previous_response_id", request.previousResponseId());
        response.set("reasoning", orNull(request.reasoning()));
        response.put("service_tier", "default");
        response.put("store", request.store());
        response.put("temperature", request.temperature());
        response.set("text", request.text() != null ? request.text().deepCopy() : defaultText());
        response.set("tool_choice", request.toolChoice() != null ? request.toolChoice().deepCopy()
                : LabJson.MAPPER.getNodeFactory().textNode("auto"));
        response.set("tools", request.tools() != null ? request.tools().deepCopy() : LabJson.MAPPER.createArrayNode());
        response.put("top_p", request.topP());
        response.put("truncation", request.truncation() != null ? request.truncation() : "disabled");
        response.set("usage", orNull(usage));
        response.put("user", request.user());
        response.set("metadata", request.metadata() != null ? request.metadata().deepCopy() : LabJson.object());
        return response;
    }

    private static ObjectNode defaultText() {
        ObjectNode text = LabJson.object();
        text.putObject("format").put("type", "text");
        return text;
    }

    private static JsonNode orNull(JsonNode node) {
        return node != null ? node.deepCopy() : LabJson.MAPPER.getNodeFactory().nullNode();
    }
}
