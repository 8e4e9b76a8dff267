package io.aoailab.lab.apim;

import io.aoailab.lab.apim.policy.BackendException;
import io.aoailab.lab.apim.policy.BackendTarget;
import io.aoailab.lab.apim.policy.ErrorAnswers;
import io.aoailab.lab.apim.policy.GatewayResponse;
import io.aoailab.lab.topology.ApimSpec;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's backends and pools, with their circuit breakers and pool selectors: shared by every request, as
 * a gateway instance's state is (docs/apim-gateway.md §1.2: per instance, not synchronised).
 */
final class ApimBackends {
    private final Map<String, URI> urls = new LinkedHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();
    private final Map<String, PoolSelector> pools = new LinkedHashMap<>();

    /** A backend chosen for one forward: its name (null for a base-url target) and URL. */
    record Chosen(String backend, URI baseUrl) {
    }

    /** @param accountUrl an account's name to its URL, e.g. {@code https://aoai-eus.openai.azure.com:41235/} */
    ApimBackends(ApimSpec apim, Function<String, URI> accountUrl) {
        for (ApimSpec.Backend backend : apim.backends()) {
            urls.put(backend.name(), accountUrl.apply(backend.account()).resolve("/openai"));
            backend.breaker().ifPresent(rule -> breakers.put(backend.name(), new CircuitBreaker(rule)));
        }
        apim.pools().forEach(pool -> pools.put(pool.name(), new PoolSelector(pool)));
    }

    Chosen choose(BackendTarget target, Instant now) throws BackendException {
        if (target instanceof BackendTarget.ByUrl byUrl) {
            return new Chosen(null, byUrl.baseUrl());
        }
        String id = ((BackendTarget.ById) target).backendId();
        PoolSelector pool = pools.get(id);
        if (pool != null) {
            String member = pool.pick(now, (backend, at) -> !isOpen(backend, at))
                    .orElseThrow(() -> exhausted(id));
            return new Chosen(member, urls.get(member));
        }
        URI url = urls.get(id);
        if (url == null) {
            throw new BackendException("BackendNotFound", "Backend with id '" + id + "' could not be found.", null);
        }
        if (isOpen(id, now)) {
            throw unavailable(id);
        }
        return new Chosen(id, url);
    }

    void recordAnswer(String backend, int status, Optional<Duration> retryAfter, Instant now) {
        Optional.ofNullable(breakers.get(backend)).ifPresent(b -> b.record(status, retryAfter, now));
    }

    void recordNoAnswer(String backend, Instant now) {
        Optional.ofNullable(breakers.get(backend)).ifPresent(b -> b.recordNoAnswer(now));
    }

    /** Each backend's breaker trips so far, for diagnostics and the admin API. */
    Map<String, Integer> trips() {
        Map<String, Integer> trips = new LinkedHashMap<>();
        breakers.forEach((name, breaker) -> trips.put(name, breaker.trips()));
        return trips;
    }

    private boolean isOpen(String backend, Instant now) {
        CircuitBreaker breaker = breakers.get(backend);
        return breaker != null && breaker.isOpen(now);
    }

    // The gateway's own 503 when every member is tripped (docs/apim-gateway.md §1.4). Its exact body and reason are UNCONFIRMED; the
    // reason keeps the historical "Backend pool ... is temporarily unavailable" wording older policies tested for.
    private static BackendException exhausted(String pool) {
        return new BackendException("BackendConnectionFailure", "Backend pool " + pool + " is temporarily unavailable",
                serviceUnavailable("Backend pool " + pool + " is temporarily unavailable"));
    }

    private static BackendException unavailable(String backend) {
        return new BackendException("BackendConnectionFailure", "Backend " + backend + " is temporarily unavailable",
                serviceUnavailable("Backend " + backend + " is temporarily unavailable"));
    }

    // no Retry-After: none is documented on it (§1.4), whatever the tripped members' backends asked for
    private static GatewayResponse serviceUnavailable(String reason) {
        return ErrorAnswers.message(503, "Service Unavailable").withStatus(503, reason);
    }
}
