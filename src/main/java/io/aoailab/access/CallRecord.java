package io.aoailab.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One HTTP call an access path made, as the scenarios and the report see it: read from the response headers and
 * body by {@link CallCapture}, never from SDK internals.
 *
 * @param path the access path's name, e.g. {@code direct(East US)} or {@code apim}
 * @param at when the call started
 * @param method the HTTP method
 * @param url the URL called, redacted (a key in the query string never shows)
 * @param status the HTTP status
 * @param region the region that answered: {@code x-ms-region}, or the gateway's {@code x-backend-region}
 * @param requestId {@code x-request-id}, the service's id for the call
 * @param apimRequestId {@code apim-request-id}
 * @param latency from sending to the response headers
 * @param bodyUsage the {@code usage} of a JSON response body
 * @param stream what an event-stream response sent, filled in as the stream is read
 */
public record CallRecord(String path, Instant at, String method, String url, int status,
        Optional<String> region, Optional<String> requestId, Optional<String> apimRequestId, Duration latency,
        Optional<TokenUsage> bodyUsage, Optional<StreamTrace> stream) {

    /** The tokens the call consumed: from its JSON body, or from its stream's terminal event once that was read. */
    public Optional<TokenUsage> usage() {
        return bodyUsage.or(() -> stream.flatMap(StreamTrace::usage));
    }
}
