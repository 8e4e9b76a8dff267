package io.aoailab.lab.apim;

import io.aoailab.lab.apim.policy.BackendAnswer;
import io.aoailab.lab.apim.policy.BackendException;
import io.aoailab.lab.apim.policy.BackendTarget;
import io.aoailab.lab.apim.policy.CounterStore;
import io.aoailab.lab.apim.policy.ForwardOptions;
import io.aoailab.lab.apim.policy.GatewayRequest;
import io.aoailab.lab.apim.policy.GatewayResponse;
import io.aoailab.lab.apim.policy.GatewayServices;
import io.aoailab.lab.apim.policy.StreamedBody;
import io.aoailab.lab.apim.policy.ValueCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's services for one request, on the state every request shares (backends, breakers, counters, cache,
 * token metrics, tokens). It keeps the bodies its forwards opened, so the gateway can close whatever the answer did
 * not pass on ({@link #closeBodies()}).
 */
final class RequestServices implements GatewayServices {
    private final ApimGatewayState state;
    private final List<StreamedBody> opened = new ArrayList<>();

    RequestServices(ApimGatewayState state) {
        this.state = state;
    }

    @Override
    public BackendAnswer forward(GatewayRequest request, BackendTarget target, ForwardOptions options)
            throws BackendException {
        Instant now = state.clock().instant();
        ApimBackends.Chosen chosen = state.backends().choose(target, now);
        URI url = join(chosen.baseUrl(), request.apiSuffix(), request.originalUrl().getRawQuery());
        try {
            GatewayResponse response = state.forwarder().forward(request, url, options);
            response.stream().ifPresent(opened::add);
            if (chosen.backend() != null) {
                state.backends().recordAnswer(chosen.backend(), response.statusCode(), retryAfter(response),
                        state.clock().instant());
            }
            return new BackendAnswer(url, response);
        } catch (BackendException e) {
            if (chosen.backend() != null) {
                state.backends().recordNoAnswer(chosen.backend(), state.clock().instant());
            }
            throw e;
        }
    }

    @Override
    public String managedIdentityToken(String resource, Optional<String> clientId) {
        return state.managedIdentityToken(resource);
    }

    @Override
    public CounterStore counters() {
        return state.counters();
    }

    @Override
    public ValueCache cache() {
        return state.cache();
    }

    @Override
    public void emitMetric(String namespace, String name, double value, Map<String, String> dimensions) {
        state.metrics().emit(new TokenMetrics.Metric(state.clock().instant(), namespace, name, value, dimensions));
    }

    @Override
    public Clock clock() {
        return state.clock();
    }

    /** Closes every backend body this request opened and nothing read to its end (a retried attempt, a replaced answer). */
    void closeBodies() {
        opened.forEach(StreamedBody::close);
    }

    static URI join(URI base, String suffix, String rawQuery) {
        String path = base.getRawPath().replaceAll("/+$", "") + (suffix.startsWith("/") ? suffix : "/" + suffix);
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }

    /**
     * The answer's {@code Retry-After} in seconds, the header a breaker's {@code acceptRetryAfter} names
     * (docs/apim-gateway.md §1.3). Azure OpenAI's {@code retry-after-ms} is not read: no APIM page says the breaker
     * takes it. An HTTP-date Retry-After is not read either (Azure OpenAI sends seconds); the trip duration applies.
     */
    private static Optional<Duration> retryAfter(GatewayResponse response) {
        try {
            return response.headers().first("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
