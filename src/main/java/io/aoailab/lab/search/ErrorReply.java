package io.aoailab.lab.search;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error the service answers with: status, exact body bytes (possibly none) and extra headers. Bytes rather than a
 * JSON tree, because several of Search's refusals carry no body at all and must go out with {@code Content-Length: 0}.
 */
record ErrorReply(int status, byte[] body, Map<String, String> headers) {

    ErrorReply {
        headers = Map.copyOf(headers);
    }

    static ErrorReply empty(int status) {
        return new ErrorReply(status, new byte[0], Map.of());
    }

    ErrorReply with(String header, String value) {
        var more = new java.util.LinkedHashMap<>(headers);
        more.put(header, value);
        return new ErrorReply(status, body, more);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
