package io.aoailab.lab.apim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emitted token metrics are the gateway's one record of token use; tokens per subscription are read from them. */
class TokenMetricsTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private final TokenMetrics metrics = new TokenMetrics();

    private void emit(String name, double value, Map<String, String> dimensions) {
        metrics.emit(new TokenMetrics.Metric(AT, "aoai-lab", name, value, dimensions));
    }

    @Test
    void should_sum_total_tokens_by_the_subscription_dimension() {
        emit("Total Tokens", 30, Map.of("Subscription ID", "suite", "API ID", "openai"));
        emit("Prompt Tokens", 10, Map.of("Subscription ID", "suite"));
        emit("Total Tokens", 12, Map.of("Subscription ID", "suite"));
        emit("Total Tokens", 5, Map.of("Subscription ID", "other"));

        assertThat(metrics.tokensBySubscription()).containsExactly(Map.entry("other", 5L), Map.entry("suite", 42L));
        assertThat(metrics.metrics()).hasSize(4);
    }

    @Test
    void should_show_no_tokens_for_metrics_without_a_subscription_dimension() {
        emit("Total Tokens", 30, Map.of("API ID", "openai"));

        assertThat(metrics.tokensBySubscription()).isEmpty();
    }
}
