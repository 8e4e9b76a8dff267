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
}
