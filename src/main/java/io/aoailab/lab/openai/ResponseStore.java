package io.aoailab.lab.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One account's stored responses. State is per resource (docs/azure-facts.md §0.9, §3.7b): another account never sees these ids.
 * Bounded, so a long lab run cannot exhaust memory: past {@code capacity} the oldest response is evicted, and a
 * response older than the 30-day retention (§1.1, on the injected clock) is gone as if Azure had purged it.
 */
final class ResponseStore {
    static final Duration RETENTION = Duration.ofDays(30);

    private final Clock clock;
    private final int capacity;
    private final LinkedHashMap<String, StoredResponse> responses = new LinkedHashMap<>();

    ResponseStore(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a response store holds at least one response, not " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    synchronized void put(StoredResponse response) {
        purgeExpired();
        responses.put(response.id(), response);
        for (Iterator<String> oldest = responses.keySet().iterator(); responses.size() > capacity; ) {
            oldest.next();
            oldest.remove();
        }
    }

    synchronized Optional<StoredResponse> get(String id) {
        StoredResponse response = responses.get(id);
        if (response != null && expired(response, clock.instant())) {
            responses.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(response);
    }

    synchronized boolean remove(String id) {
        return get(id).isPresent() && responses.remove(id) != null;
    }

    synchronized int size() {
        purgeExpired();
        return responses.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, StoredResponse>> it = responses.entrySet().iterator(); it.hasNext(); ) {
            if (expired(it.next().getValue(), now)) {
                it.remove();
            } else {
                return; // insertion order is creation order: the rest are younger
            }
        }
    }

    private static boolean expired(StoredResponse response, Instant now) {
        return !now.isBefore(response.createdAt().plus(RETENTION));
    }
}
