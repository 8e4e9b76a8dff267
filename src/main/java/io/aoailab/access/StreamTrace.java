package io.aoailab.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one streamed response sent, filled in while the consumer reads the stream: its events in order and, from
 * the terminal event ({@code response.completed}, {@code .incomplete} or {@code .failed}), the usage. Read-only
 * for the scenarios; safe to read from any thread while the stream is being read on another.
 */
public final class StreamTrace {
    // a stream can carry thousands of deltas: appended under a lock rather than copied on every write
    private final List<StreamedEvent> events = new ArrayList<>();
    // how long the reader waited for the server between the first text delta and the end of the stream
    private long waitedAfterFirstDelta;
    private boolean sawDelta;
    private volatile TokenUsage usage;
    private volatile String model;
    private volatile boolean ended;

    StreamTrace() {
    }

    /** The events read so far, oldest first. */
    public List<StreamedEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The usage the terminal event reported; empty until it has been read, or when it reported none. */
    public Optional<TokenUsage> usage() {
        return Optional.ofNullable(usage);
    }

    /** The model the stream's {@code response.created} (or terminal) event named; empty until read. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /**
     * How long the reader waited for the server between the first text delta and the end of the stream. A stream
     * delivered as it is generated keeps the reader waiting for every next token; one held back and released at once
     * is already there when the reader asks, however slowly the reader itself works. Empty until a text delta and
     * the terminal event have been read.
     */
    public Optional<Duration> waitAfterFirstDelta() {
        synchronized (events) {
            boolean terminal = events.stream().anyMatch(e -> ServerSentEventTap.TERMINAL.contains(e.type()));
            return sawDelta && terminal ? Optional.of(Duration.ofNanos(waitedAfterFirstDelta)) : Optional.empty();
        }
    }

    /** Whether the stream has ended: its terminal event or the end of its body has been read. */
    public boolean ended() {
        return ended;
    }

    void add(StreamedEvent event) {
        synchronized (events) {
            events.add(event);
            sawDelta |= event.type().equals("response.output_text.delta");
        }
    }

    void waited(long nanos) {
        synchronized (events) {
            if (sawDelta && !ended) {
                waitedAfterFirstDelta += nanos;
            }
        }
    }

    void model(String named) {
        if (model == null) {
            model = named;
        }
    }

    void usage(TokenUsage reported) {
        usage = reported;
    }

    void end() {
        ended = true;
    }

    @Override
    public String toString() {
        return "StreamTrace" + events() + (ended ? " ended" : " open") + usage().map(u -> " " + u).orElse("");
    }
}
