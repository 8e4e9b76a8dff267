package io.aoailab.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Streamed calls as {@link CallCapture} records them, with the arrival of each chunk chosen by the test. */
public final class StreamTraces {
    private StreamTraces() {
    }

    /**
     * A call on {@code path} whose text reply's first chunk (up to its first delta) and the rest arrived
     * {@code apart}; {@link Duration#ZERO} is a stream released in one block.
     */
    public static CallRecord streamedCall(String path, Duration apart) {
        StreamTrace trace = new StreamTrace();
        ServerSentEventTap tap = new ServerSentEventTap(trace);
        String reply = ResponsesWire.textReply();
        int split = reply.indexOf("event: response.output_text.done");
        tap.arrived(ResponsesWire.bytes(reply.substring(0, split)), 1_000_000);
        tap.arrived(ResponsesWire.bytes(reply.substring(split)), 1_000_000 + apart.toNanos());
        return call(path, trace);
    }

    /** A call on {@code path} whose stream carried the given events, all in one chunk. */
    public static CallRecord streamedCall(String path, String events) {
        StreamTrace trace = new StreamTrace();
        new ServerSentEventTap(trace).arrived(ResponsesWire.bytes(events), 1_000_000);
        return call(path, trace);
    }

    private static CallRecord call(String path, StreamTrace trace) {
        return new CallRecord(path, Instant.EPOCH, "POST", "https://aoai.example/openai/responses", 200,
                Optional.of("East US"), Optional.empty(), Optional.empty(), Duration.ofMillis(5), Optional.empty(),
                CallRecord.BodySummary.NONE, Optional.of(trace), Optional.empty());
    }
}
