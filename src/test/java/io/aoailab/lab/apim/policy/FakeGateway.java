package io.aoailab.lab.apim.policy;

import io.aoailab.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A scripted gateway for policy tests: backends answer from per-target queues (the last answer repeats), every
 * forward is recorded, tokens come from a fixed issuer, counters and cache are the real in-memory ones on a
 * {@link MutableClock}.
 */
final class FakeGateway implements GatewayServices {

    /** One scripted outcome of a forward: an answer, or a failure without one. */
    interface Outcome {
        GatewayResponse answer(GatewayRequest request) throws BackendException;
    }

    record Forward(GatewayRequest request, BackendTarget target, ForwardOptions options) {
        String body() {
            return new String(request.body(), StandardCharsets.UTF_8);
        }
    }

    record Metric(String namespace, String name, double value, Map<String, String> dimensions) {
    }

    final MutableClock clock = new MutableClock();
    final InMemoryCounterStore counters = new InMemoryCounterStore(clock);
    final InMemoryValueCache cache = new InMemoryValueCache(clock);
    final List<Forward> forwards = new ArrayList<>();
    final List<Metric> metrics = new ArrayList<>();
    final List<String> tokenResources = new ArrayList<>();
    private final Map<String, Deque<Outcome>> scripts = new HashMap<>();
    private final Map<String, String> regions = new HashMap<>();
    private int roundRobin;
    boolean tokensFail;

    /** Backend (or pool member) {@code name} answers these, in order; the last repeats. */
    FakeGateway script(String name, Outcome... outcomes) {
        scripts.put(name, new ArrayDeque<>(List.of(outcomes)));
        return this;
    }

    /** A pool: each forward to {@code pool} goes to the next member, round robin. */
    FakeGateway pool(String pool, String... members) {
        regions.put(pool, String.join(",", members));
        return this;
    }

    @Override
    public BackendAnswer forward(GatewayRequest request, BackendTarget target, ForwardOptions options)
            throws BackendException {
        forwards.add(new Forward(request, target, options));
        String name = target instanceof BackendTarget.ById id ? id.backendId()
                : ((BackendTarget.ByUrl) target).baseUrl().getHost();
        if (regions.containsKey(name)) {
            String[] members = regions.get(name).split(",");
            name = members[roundRobin++ % members.length];
        }
        Deque<Outcome> queue = scripts.get(name);
        if (queue == null || queue.isEmpty()) {
            throw new BackendException("BackendConnectionFailure", "No script for backend '" + name + "'.", null);
        }
        Outcome outcome = queue.size() > 1 ? queue.poll() : queue.peek();
        return new BackendAnswer(URI.create("https://" + name + ".example" + request.apiSuffix()),
                outcome.answer(request));
    }

    @Override
    public String managedIdentityToken(String resource, Optional<String> clientId) {
        tokenResources.add(resource + clientId.map(c -> "|" + c).orElse(""));
        if (tokensFail) {
            throw new IllegalStateException("no identity");
        }
        return "token-for-" + resource;
    }

    @Override
    public CounterStore counters() {
        return counters;
    }

    @Override
    public ValueCache cache() {
        return cache;
    }

    @Override
    public void emitMetric(String namespace, String name, double value, Map<String, String> dimensions) {
        metrics.add(new Metric(namespace, name, value, Map.copyOf(dimensions)));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    // ---- building blocks

    static Outcome answer(int status, String body, String... headerPairs) {
        return request -> response(status, body, headerPairs);
    }

    /** An answer whose body is still arriving, as the gateway's forwarder returns it. */
    static Outcome streamed(int status, String body, String... headerPairs) {
        return request -> {
            GatewayResponse buffered = response(status, body, headerPairs);
            return GatewayResponse.streaming(status, buffered.statusReason(), buffered.headers(),
                    new StreamedBody(new java.io.ByteArrayInputStream(buffered.body()), false, () -> { }));
        };
    }

    static Outcome fail(String reason) {
        return request -> {
            throw new BackendException(reason, "Backend failed: " + reason + ".", null);
        };
    }

    static Outcome poolExhausted() {
        return request -> {
            throw new BackendException("BackendConnectionFailure", "No backend in pool is available.",
                    response(503, "{\"statusCode\":503,\"message\":\"Backend pool is temporarily unavailable\"}"));
        };
    }

    static GatewayResponse response(int status, String body, String... headerPairs) {
        HeaderMap headers = new HeaderMap();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        return new GatewayResponse(status, ErrorAnswers.reasonPhrase(status), headers,
                body.getBytes(StandardCharsets.UTF_8));
    }

    static GatewayRequest request(String method, String path, String body, String... headerPairs) {
        HeaderMap headers = new HeaderMap();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        URI url = URI.create("https://apim.example/openai" + path);
        return new GatewayRequest(method, url, headers, body.getBytes(StandardCharsets.UTF_8), "203.0.113.7", path,
                Map.of());
    }

    static GatewayIdentity identity() {
        return new GatewayIdentity("apim-lab", "West Europe", "openai", "openai", "create-response", "sub-1",
                "Team A", "starter");
    }

    static PolicyContext context(GatewayRequest request) {
        return new PolicyContext(request, identity(), UUID.fromString("00000000-0000-0000-0000-00000000abcd"),
                new MutableClock().instant()).defaultBackend(new BackendTarget.ById("default"));
    }

    static String text(GatewayResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

}
