package io.aoailab.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;

/**
 * Watches the bytes of a Responses API event stream go by and writes what they say into a {@link StreamTrace}.
 * It only looks: the bytes it is shown are the consumer's own, read no earlier than the consumer reads them.
 * An event whose data is not JSON is still recorded, named by its {@code event:} line, without a sequence number:
 * the trace shows what came, and a scenario asserting the numbers sees the gap.
 */
final class ServerSentEventTap {
    static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    private final StreamTrace trace;
    private final ServerSentEventParser parser = new ServerSentEventParser(this::event);
    private long lastChunk;

    ServerSentEventTap(StreamTrace trace) {
        this.trace = trace;
    }

    synchronized void accept(byte[] bytes, int offset, int length) {
        parser.accept(bytes, offset, length);
    }

    /** The reader waited this long for the server's next bytes (a blocking read, or the gap between two chunks). */
    void waited(long nanos) {
        trace.waited(nanos);
    }

    /**
     * Reads the buffer's remaining bytes without moving its position: the consumer reads the same buffer. Chunks
     * pushed to the consumer as they arrive: the gap since the previous one is how long the server kept it waiting.
     */
    void accept(ByteBuffer buffer) {
        long now = System.nanoTime();
        if (lastChunk != 0) {
            waited(now - lastChunk);
        }
        lastChunk = now;
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        accept(bytes, 0, bytes.length);
    }

    /** The body has no more bytes. */
    void end() {
        trace.end();
    }

    private void event(String name, String data) {
        Optional<JsonNode> json = JsonBodies.object(data);
        String type = json.map(j -> j.path("type")).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .orElse(name.isEmpty() ? "message" : name);
        long sequenceNumber = json.map(j -> j.path("sequence_number")).filter(JsonNode::isIntegralNumber)
                .map(JsonNode::longValue).orElse(StreamedEvent.NO_SEQUENCE_NUMBER);
        trace.add(new StreamedEvent(type, sequenceNumber));
        json.map(j -> j.path("response").path("model")).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .ifPresent(trace::model);
        if (TERMINAL.contains(type)) {
            json.flatMap(j -> TokenUsage.of(j.path("response").path("usage"))).ifPresent(trace::usage);
            trace.end();
        }
    }
}
