package io.aoailab.lab.apim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The token metrics the gateway's policy emitted ({@code llm-emit-token-metric} / {@code azure-openai-emit-token-metric},
 * docs/apim-gateway.md §2.9): the one record of the gateway's token use, as Application Insights would hold it.
 * Everything else is read from it, as an operator reads APIM's metrics: tokens per subscription are the
 * "Total Tokens" values summed by their "Subscription ID" dimension, so a policy that emits no metric, or none with
 * that dimension, shows no tokens — as in Azure. Queryable by the suite (through the lab) and by the standalone admin
 * API.
 */
public final class TokenMetrics {
    /** The metric and the dimension tokens per subscription are read from. */
    static final String TOTAL_TOKENS = "Total Tokens";
    static final String SUBSCRIPTION_DIMENSION = "Subscription ID";

    private final List<Metric> metrics = new CopyOnWriteArrayList<>();

    /** One emitted metric value with its dimensions. */
    public record Metric(Instant at, String namespace, String name, double value, Map<String, String> dimensions) {
        public Metric {
            dimensions = Map.copyOf(dimensions);
        }
    }

    void emit(Metric metric) {
        metrics.add(metric);
    }

    /** Every metric emitted so far, in order. */
    public List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    /** Total tokens per subscription, from the emitted "Total Tokens" metrics' "Subscription ID" dimension. */
    public Map<String, Long> tokensBySubscription() {
        Map<String, Long> totals = new TreeMap<>();
        for (Metric metric : metrics) {
            String subscription = metric.dimensions().get(SUBSCRIPTION_DIMENSION);
            if (metric.name().equals(TOTAL_TOKENS) && subscription != null && !subscription.isEmpty()) {
                totals.merge(subscription, Math.round(metric.value()), Long::sum);
            }
        }
        return totals;
    }
}
