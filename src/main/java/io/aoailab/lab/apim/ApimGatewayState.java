package io.aoailab.lab.apim;

import io.aoailab.lab.apim.policy.CounterStore;
import io.aoailab.lab.apim.policy.ValueCache;
import io.aoailab.lab.entra.EntraAuthority;
import io.aoailab.lab.entra.IssuedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every request of one gateway shares. */
final class ApimGatewayState {
    /** APIM caches managed-identity tokens "until it expires" (docs/apim-gateway.md §2.4); renew a little before. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final ApimBackends backends;
    private final BackendForwarder forwarder;
    private final CounterStore counters;
    private final ValueCache cache;
    private final TokenMetrics metrics;
    private final Clock clock;
    private final EntraAuthority authority;
    private final String identity;
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

    ApimGatewayState(ApimBackends backends, BackendForwarder forwarder, CounterStore counters, ValueCache cache,
            TokenMetrics metrics, Clock clock, EntraAuthority authority, String identity) {
        this.backends = backends;
        this.forwarder = forwarder;
        this.counters = counters;
        this.cache = cache;
        this.metrics = metrics;
        this.clock = clock;
        this.authority = authority;
        this.identity = identity;
    }

    String managedIdentityToken(String resource) {
        IssuedToken token = tokens.compute(resource, (r, cached) ->
                cached != null && clock.instant().plus(RENEW_BEFORE_EXPIRY).isBefore(cached.expiresOn())
                        ? cached : authority.issueManagedIdentityToken(identity, r));
        return token.accessToken();
    }

    ApimBackends backends() {
        return backends;
    }

    BackendForwarder forwarder() {
        return forwarder;
    }

    CounterStore counters() {
        return counters;
    }

    ValueCache cache() {
        return cache;
    }

    TokenMetrics metrics() {
        return metrics;
    }

    Clock clock() {
        return clock;
    }
}
