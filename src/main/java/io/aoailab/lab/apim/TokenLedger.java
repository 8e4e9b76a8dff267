package io.aoailab.lab.apim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the gateway observed of token use: the metrics its policy emitted ({@code llm-emit-token-metric}), and the
 * tokens each subscription consumed according to the backends' {@code usage}, as APIM's analytics count them.
 * Queryable by the suite (through the lab) and by the standalone admin API.
 */
public final class TokenLedger {
    private final List<Metric> metrics = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> tokensBySubscription = new ConcurrentHashMap<>();

    /** One emitted metric value with its dimensions. */
    public record Metric(Instant at, String namespace, String name, double value, Map<String, String> dimensions) {
        public Metric {
            dimensions = Map.copyOf(dimensions);
        }
    }

    void emit(Metric metric) {
        metrics.add(metric);
    }

    void consumed(String subscription, long tokens) {
        tokensBySubscription.computeIfAbsent(subscription, s -> new LongAdder()).add(tokens);
    }

    public List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    /** Total tokens per subscription name, from the backends' reported usage. */
    public Map<String, Long> tokensBySubscription() {
        Map<String, Long> totals = new java.util.TreeMap<>();
        tokensBySubscription.forEach((k, v) -> totals.put(k, v.sum()));
        return totals;
    }

    void clear() {
        metrics.clear();
        tokensBySubscription.clear();
    }
}
