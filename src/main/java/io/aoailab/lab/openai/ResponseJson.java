package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;

/**
 * The JSON of a response object and its parts, shaped as docs/azure-facts.md §1.3 requires: what the v1 sample shows, with the types
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

    /** The assistant's message whose one {@code output_text} part carries these annotations. */
    static ObjectNode message(String id, String status, String text, ArrayNode annotations) {
        ObjectNode message = message(id, status, text);
        ((ObjectNode) message.path("content").get(0)).set("annotations", annotations);
        return message;
    }

    /**
     * A {@code file_citation} annotation: {@code type}, {@code index}, {@code file_id} (beta.16
     * {@code ResponsesOutputTextAnnotationFileCitation}, VERIFIED-LOCAL by javap) and {@code filename}, which OpenAI's
     * current reference adds (beta.16 skips it) [PRIMARY OpenAI API reference, via the SDK types that mirror it].
     */
    static ObjectNode fileCitation(int index, Retrieval.Result file) {
        return LabJson.object().put("type", "file_citation").put("index", index).put("file_id", file.fileId())
                .put("filename", file.filename());
    }

    /**
     * A {@code file_search_call} output item: {@code id}, {@code type}, {@code status}, {@code queries},
     * {@code results} (beta.16 {@code ResponsesFileSearchCallItem}, VERIFIED-LOCAL by javap). {@code results} is
     * null unless the caller asked for it with {@code include} (OpenAI's {@code results?: null | Result[]}).
     *
     * @param status {@code completed}, or {@code in_progress} while streaming (then no queries yet)
     */
    static ObjectNode fileSearchCall(Retrieval retrieval, String status, boolean withResults) {
        ObjectNode item = LabJson.object().put("id", retrieval.callId()).put("type", "file_search_call")
                .put("status", status);
        ArrayNode queries = item.putArray("queries");
        if (!"in_progress".equals(status)) {
            queries.add(retrieval.query());
        }
        if (!withResults || "in_progress".equals(status)) {
            item.putNull("results");
            return item;
        }
        ArrayNode results = item.putArray("results");
        for (Retrieval.Result result : retrieval.results()) {
            results.addObject().put("file_id", result.fileId()).put("filename", result.filename())
                    .put("score", result.score()).put("text", result.text()).putObject("attributes");
        }
        return item;
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
