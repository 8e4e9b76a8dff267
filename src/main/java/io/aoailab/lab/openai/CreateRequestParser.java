package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a create body (docs/azure-facts.md §1.2) and refuses what the Responses backend refuses, with OpenAI-style 400s (see
 * {@link AzureErrors#invalidRequest}). Fields it does not know are ignored rather than refused, so newer clients that
 * send {@code background}, {@code include} or {@code prompt_cache_key} still get an answer.
 */
final class CreateRequestParser {
    /** OpenAI refuses fewer: "Expected a value >= 16" [OBSERVED-3P, several captures]. */
    static final int MIN_OUTPUT_TOKENS = 16;
    private static final Set<String> ROLES = Set.of("user", "system", "developer", "assistant");

    private CreateRequestParser() {
    }

    static CreateRequest parse(byte[] body) throws InvalidRequestException {
        JsonNode root;
        try {
            root = LabJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException(AzureErrors.unparseableJson());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException(AzureErrors.unparseableJson());
        }
        ObjectNode json = (ObjectNode) root;
        String model = string(json, "model");
        if (model == null) {
            throw invalid("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        }
        Integer maxOutputTokens = integer(json, "max_output_tokens");
        if (maxOutputTokens != null && maxOutputTokens < MIN_OUTPUT_TOKENS) {
            throw invalid("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= "
                    + MIN_OUTPUT_TOKENS + ", but got " + maxOutputTokens + " instead.", "max_output_tokens",
                    "integer_below_min_value");
        }
        return new CreateRequest(model, input(json), string(json, "instructions"),
                string(json, "previous_response_id"), maxOutputTokens, bool(json, "store", true),
                bool(json, "stream", false), decimal(json, "temperature", 0, 2), decimal(json, "top_p", 0, 1),
                bool(json, "parallel_tool_calls", true), array(json, "tools"), present(json, "tool_choice"),
                metadata(json), string(json, "user"), string(json, "truncation"), object(json, "text"),
                object(json, "reasoning"), fileSearch(array(json, "tools")), strings(json, "include"));
    }

    /**
     * The first {@code file_search} tool, checked as OpenAI checks it: {@code vector_store_ids} an array of strings,
     * {@code max_num_results} 1–50. Messages follow OpenAI's patterns; word for word they are UNCONFIRMED.
     */
    private static FileSearchTool fileSearch(JsonNode tools) throws InvalidRequestException {
        if (tools == null) {
            return null;
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.isObject() || !"file_search".equals(tool.path("type").asText())) {
                continue;
            }
            String at = "tools[" + i + "]";
            JsonNode ids = ((ObjectNode) tool).get("vector_store_ids");
            if (ids == null || ids.isNull()) {
                throw invalid("Missing required parameter: '" + at + ".vector_store_ids'.", at + ".vector_store_ids",
                        "missing_required_parameter");
            }
            if (!ids.isArray()) {
                throw wrongType(at + ".vector_store_ids", "an array", ids);
            }
            List<String> vectorStoreIds = new ArrayList<>();
            for (int j = 0; j < ids.size(); j++) {
                if (!ids.get(j).isTextual()) {
                    throw wrongType(at + ".vector_store_ids[" + j + "]", "a string", ids.get(j));
                }
                vectorStoreIds.add(ids.get(j).asText());
            }
            Integer max = integer((ObjectNode) tool, "max_num_results", at + ".max_num_results");
            if (max != null && (max < 1 || max > FileSearchTool.MAX_RESULTS_LIMIT)) {
                boolean above = max > FileSearchTool.MAX_RESULTS_LIMIT;
                throw invalid("Invalid '" + at + ".max_num_results': integer " + (above ? "above maximum" : "below minimum")
                        + " value. Expected a value " + (above ? "<= " + FileSearchTool.MAX_RESULTS_LIMIT : ">= 1")
                        + ", but got " + max + " instead.", at + ".max_num_results",
                        above ? "integer_above_max_value" : "integer_below_min_value");
            }
            return new FileSearchTool(vectorStoreIds, max);
        }
        return null;
    }

    private static List<String> strings(ObjectNode json, String name) throws InvalidRequestException {
        JsonNode value = array(json, name);
        List<String> strings = new ArrayList<>();
        if (value == null) {
            return strings;
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw wrongType(name + "[" + i + "]", "a string", value.get(i));
            }
            strings.add(value.get(i).asText());
        }
        return strings;
    }

    private static List<ObjectNode> input(ObjectNode json) throws InvalidRequestException {
        JsonNode input = present(json, "input");
        List<ObjectNode> items = new ArrayList<>();
        if (input == null) {
            return items;
        }
        if (input.isTextual()) {
            items.add(message("user", textParts("user", input.asText())));
            return items;
        }
        if (!input.isArray()) {
            throw invalid("Invalid type for 'input': expected one of a string or array of input items, but got "
                    + typeName(input) + " instead.", "input", "invalid_type");
        }
        for (int i = 0; i < input.size(); i++) {
            items.add(item(input.get(i), "input[" + i + "]"));
        }
        return items;
    }

    private static ObjectNode item(JsonNode item, String at) throws InvalidRequestException {
        if (!item.isObject()) {
            throw invalid("Invalid type for '" + at + "': expected an input item, but got " + typeName(item)
                    + " instead.", at, "invalid_type");
        }
        String type = item.path("type").asText("message");
        if (!type.equals("message")) {
            // function_call_output, item_reference, …: stored and listed as sent; their text is not counted
            return ((ObjectNode) item).deepCopy();
        }
        JsonNode role = item.get("role");
        if (role == null || !role.isTextual()) {
            throw invalid("Missing required parameter: '" + at + ".role'.", at + ".role", "missing_required_parameter");
        }
        if (!ROLES.contains(role.asText())) {
            throw invalid("Invalid value: '" + role.asText() + "'. Supported values are: 'assistant', 'system', "
                    + "'developer', and 'user'.", at + ".role", "invalid_value");
        }
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) {
            throw invalid("Missing required parameter: '" + at + ".content'.", at + ".content",
                    "missing_required_parameter");
        }
        if (content.isTextual()) {
            return message(role.asText(), textParts(role.asText(), content.asText()));
        }
        if (!content.isArray()) {
            throw invalid("Invalid type for '" + at + ".content': expected one of a string or array of input "
                    + "content, but got " + typeName(content) + " instead.", at + ".content", "invalid_type");
        }
        return message(role.asText(), (ArrayNode) content.deepCopy());
    }

    private static ObjectNode message(String role, ArrayNode content) {
        ObjectNode message = LabJson.object();
        message.put("type", "message").put("role", role).set("content", content);
        message.put("status", "completed");
        return message;
    }

    /** A string content becomes one text part: {@code input_text} for what callers say, {@code output_text} for replies. */
    private static ArrayNode textParts(String role, String text) {
        ArrayNode parts = LabJson.MAPPER.createArrayNode();
        ObjectNode part = parts.addObject().put("type", role.equals("assistant") ? "output_text" : "input_text")
                .put("text", text);
        if (role.equals("assistant")) {
            part.putArray("annotations");
        }
        return parts;
    }

    private static JsonNode metadata(ObjectNode json) throws InvalidRequestException {
        JsonNode metadata = object(json, "metadata");
        if (metadata == null) {
            return null;
        }
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            if (!entry.getValue().isTextual()) {
                throw invalid("Invalid type for 'metadata." + entry.getKey() + "': expected a string, but got "
                        + typeName(entry.getValue()) + " instead.", "metadata." + entry.getKey(), "invalid_type");
            }
        }
        return metadata;
    }

    /** The field, or null when absent or JSON null (both mean "not set", as the SDKs omit unset fields, docs/azure-facts.md §1.2). */
    private static JsonNode present(ObjectNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private static String string(ObjectNode json, String name) throws InvalidRequestException {
        JsonNode value = present(json, name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string", value);
        }
        return value.asText();
    }

    private static Integer integer(ObjectNode json, String name) throws InvalidRequestException {
        return integer(json, name, name);
    }

    /** @param at the parameter's path in the body, for the error */
    private static Integer integer(ObjectNode json, String name, String at) throws InvalidRequestException {
        JsonNode value = present(json, name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(at, "an integer", value);
        }
        return value.intValue();
    }

    private static double decimal(ObjectNode json, String name, double min, double max)
            throws InvalidRequestException {
        JsonNode value = present(json, name);
        if (value == null) {
            return 1.0;
        }
        if (!value.isNumber()) {
            throw wrongType(name, "a decimal", value);
        }
        double number = value.doubleValue();
        if (number < min || number > max) {
            boolean above = number > max;
            throw invalid("Invalid '" + name + "': decimal " + (above ? "above maximum" : "below minimum")
                    + " value. Expected a value " + (above ? "<= " + plain(max) : ">= " + plain(min)) + ", but got "
                    + plain(number) + " instead.", name, above ? "decimal_above_max_value" : "decimal_below_min_value");
        }
        return number;
    }

    private static boolean bool(ObjectNode json, String name, boolean absent) throws InvalidRequestException {
        JsonNode value = present(json, name);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "a boolean", value);
        }
        return value.booleanValue();
    }

    private static JsonNode object(ObjectNode json, String name) throws InvalidRequestException {
        JsonNode value = present(json, name);
        if (value != null && !value.isObject()) {
            throw wrongType(name, "an object", value);
        }
        return value;
    }

    private static JsonNode array(ObjectNode json, String name) throws InvalidRequestException {
        JsonNode value = present(json, name);
        if (value != null && !value.isArray()) {
            throw wrongType(name, "an array", value);
        }
        return value;
    }

    private static InvalidRequestException wrongType(String name, String expected, JsonNode value) {
        return invalid("Invalid type for '" + name + "': expected " + expected + ", but got " + typeName(value)
                + " instead.", name, "invalid_type");
    }

    private static InvalidRequestException invalid(String message, String param, String code) {
        return new InvalidRequestException(AzureErrors.invalidRequest(message, param, code));
    }

    private static String typeName(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a decimal";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.isObject() ? "an object" : "null";
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
