package io.aoailab.access;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The latest calls, up to a capacity: a long run must not hold every call it ever made. Thread-safe. */
final class RecentCalls {
    private final int capacity;
    private final Deque<CallRecord> calls = new ArrayDeque<>();

    RecentCalls(int capacity) {
        this.capacity = capacity;
    }

    /** Adds the call; returns the oldest one if it had to go to make room. */
    synchronized Optional<CallRecord> add(CallRecord call) {
        calls.addLast(call);
        return calls.size() > capacity ? Optional.of(calls.removeFirst()) : Optional.empty();
    }

    synchronized List<CallRecord> list() {
        return List.copyOf(calls);
    }

    synchronized Optional<CallRecord> last() {
        return Optional.ofNullable(calls.peekLast());
    }
}
