package io.aoailab.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Watches the bytes of a Responses API event stream go by and writes what they say into a {@link StreamTrace}, each
 * event stamped with the moment the chunk that completed it arrived. It only looks: the bytes it is shown are the
 * consumer's own. An event whose data is not JSON is still recorded, named by its {@code event:} line, without a sequence number:
 * the trace shows what came, and a scenario asserting the numbers sees the gap.
 */
final class ServerSentEventTap {
    static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    private final StreamTrace trace;
    private final ServerSentEventParser parser = new ServerSentEventParser(this::event);
    // when the chunk being parsed arrived (System.nanoTime)
    private long arrival;

    ServerSentEventTap(StreamTrace trace) {
        this.trace = trace;
    }

    /** A chunk of the body, as it came off the connection at {@code nanoTime}. */
    synchronized void arrived(byte[] chunk, long nanoTime) {
        arrival = nanoTime;
        parser.accept(chunk, 0, chunk.length);
    }

    /** A chunk of the body, arriving now. */
    void accept(byte[] bytes, int offset, int length) {
        arrived(Arrays.copyOfRange(bytes, offset, offset + length), System.nanoTime());
    }

    /**
     * A chunk pushed to the consumer as it arrived. Reads the buffer's remaining bytes without moving its position:
     * the consumer reads the same buffer.
     */
    void accept(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        arrived(bytes, System.nanoTime());
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
        trace.add(new StreamedEvent(type, sequenceNumber), arrival);
        json.map(j -> j.path("response").path("model")).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .ifPresent(trace::model);
        if (TERMINAL.contains(type)) {
            json.flatMap(j -> TokenUsage.of(j.path("response").path("usage"))).ifPresent(trace::usage);
            trace.end();
        }
    }
}
