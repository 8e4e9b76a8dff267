package io.aoailab.lab.openai;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error the account answers with: status, the exact body bytes and any extra headers (e.g. {@code retry-after}).
 * The body is kept as bytes because some of Azure's bodies are not what a JSON serializer would write (the gateway's
 * 401 has a space after each colon, docs/azure-facts.md §3.2) and must go out byte for byte.
 */
record ErrorAnswer(int status, byte[] body, Map<String, String> headers) {

    ErrorAnswer {
        headers = Map.copyOf(headers);
    }

    ErrorAnswer(int status, String body) {
        this(status, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
