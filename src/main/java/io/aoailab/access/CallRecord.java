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
 * @param retryAfter how long the answer asked the caller to wait before trying again ({@code retry-after-ms}, else
 *        {@code retry-after} in seconds), if it said
 * @param body what a JSON response body said: usage, model, error code and message
 * @param stream what an event-stream response sent, filled in as the stream is read
 * @param expected what the intended deployment says the answer must show, when the path knows it
 */
public record CallRecord(String path, Instant at, String method, String url, int status,
        Optional<String> region, Optional<String> requestId, Optional<String> apimRequestId, Duration latency,
        Optional<Duration> retryAfter, BodySummary body, Optional<StreamTrace> stream, Optional<AnswerExpectation> expected) {

    /**
     * What a JSON response body said that the suite reads.
     *
     * @param usage its {@code usage}
     * @param model its {@code model}
     * @param errorCode an error body's code ({@code error.code})
     * @param errorMessage an error body's message
     */
    public record BodySummary(Optional<TokenUsage> usage, Optional<String> model, Optional<String> errorCode,
            Optional<String> errorMessage) {
        public static final BodySummary NONE = new BodySummary(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        static BodySummary of(String json) {
            var object = JsonBodies.object(json);
            return new BodySummary(object.flatMap(j -> TokenUsage.of(j.path("usage"))),
                    JsonBodies.text(object, "model"), JsonBodies.errorCode(object), JsonBodies.errorMessage(object));
        }
    }

    /** The tokens the call consumed: from its JSON body, or from its stream's terminal event once that was read. */
    public Optional<TokenUsage> usage() {
        return body.usage().or(() -> stream.flatMap(StreamTrace::usage));
    }

    /** The model that answered: from the JSON body, or from the stream once its first event was read. */
    public Optional<String> model() {
        return body.model().or(() -> stream.flatMap(StreamTrace::model));
    }

    /** What this answer shows that the intended deployment rules out, if anything (see {@link AnswerExpectation}). */
    public Optional<String> violation() {
        return expected.flatMap(e -> e.violation(this));
    }
}
