package io.aoailab.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** Reads what the capture needs from JSON text: anything that is not a JSON object reads as nothing, not as an error. */
final class JsonBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    static Optional<JsonNode> object(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(json)).filter(JsonNode::isObject);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The top-level {@code usage} of a response body. */
    static Optional<TokenUsage> usage(String body) {
        return object(body).flatMap(json -> TokenUsage.of(json.path("usage")));
    }

    /** A top-level text field, e.g. a response's {@code model}. */
    static Optional<String> text(Optional<JsonNode> json, String field) {
        return json.map(j -> j.path(field)).filter(JsonNode::isTextual).map(JsonNode::textValue);
    }

    /**
     * The error code of an error body: Azure's {@code {"error":{"code":...}}}, or APIM's own
     * {@code {"statusCode":401,"message":...}} (which has no code: its status stands in).
     */
    static Optional<String> errorCode(Optional<JsonNode> json) {
        return json.map(j -> j.path("error").path("code")).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .filter(code -> !code.isEmpty());
    }

    /** The error message of an error body, in either shape. */
    static Optional<String> errorMessage(Optional<JsonNode> json) {
        return json.map(j -> j.path("error").isObject() ? j.path("error").path("message") : j.path("message"))
                .filter(JsonNode::isTextual).map(JsonNode::textValue);
    }
}
