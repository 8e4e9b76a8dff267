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
    // when the first text delta and the terminal event arrived (System.nanoTime); 0 until then
    private long firstDeltaArrived;
    private long terminalArrived;
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
     * How long after the first text delta the terminal event arrived off the connection. A stream delivered as it is
     * generated spreads its deltas over the time the model takes to write them; one held back and released at once
     * arrives in a block, its events microseconds apart. Arrival, not consumption: the body is read off the
     * connection as it comes, whatever the consumer's pace. Empty until a text delta and the terminal event have come.
     */
    public Optional<Duration> deliverySpread() {
        synchronized (events) {
            return firstDeltaArrived != 0 && terminalArrived != 0
                    ? Optional.of(Duration.ofNanos(Math.max(0, terminalArrived - firstDeltaArrived)))
                    : Optional.empty();
        }
    }

    /** Whether the stream has ended: its terminal event or the end of its body has been read. */
    public boolean ended() {
        return ended;
    }

    void add(StreamedEvent event, long arrived) {
        synchronized (events) {
            events.add(event);
            if (firstDeltaArrived == 0 && event.type().equals("response.output_text.delta")) {
                firstDeltaArrived = arrived;
            }
            if (terminalArrived == 0 && firstDeltaArrived != 0 && ServerSentEventTap.TERMINAL.contains(event.type())) {
                terminalArrived = arrived;
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
