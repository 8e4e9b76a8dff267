package io.aoailab.access;

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
    private volatile TokenUsage usage;
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

    /** Whether the stream has ended: its terminal event or the end of its body has been read. */
    public boolean ended() {
        return ended;
    }

    void add(StreamedEvent event) {
        synchronized (events) {
            events.add(event);
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
