package io.aoailab.lab.apim.policy;

import java.time.Duration;
import java.util.Optional;

/** The gateway's internal cache, as {@code cache-store-value} and {@code cache-lookup-value} use it. */
public interface ValueCache {

    void store(String key, Object value, Duration ttl);

    Optional<Object> lookup(String key);

    void remove(String key);
}
