package io.aoailab.lab.apim.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * APIM's built-in cache in memory, for {@code cache-store-value} and friends: values expire {@code ttl} after they
 * were stored, on the given clock. Thread-safe.
 */
public final class InMemoryValueCache implements ValueCache {
    private final Clock clock;
    private final Map<String, Held> values = new ConcurrentHashMap<>();

    private record Held(Object value, Instant expires) {
    }

    public InMemoryValueCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void store(String key, Object value, Duration ttl) {
        values.put(key, new Held(value, clock.instant().plus(ttl)));
    }

    @Override
    public Optional<Object> lookup(String key) {
        Held held = values.get(key);
        if (held == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(held.expires())) {
            values.remove(key, held);
            return Optional.empty();
        }
        return Optional.ofNullable(held.value());
    }

    @Override
    public void remove(String key) {
        values.remove(key);
    }

    /** Forgets every value (between tests). */
    public void clear() {
        values.clear();
    }
}
