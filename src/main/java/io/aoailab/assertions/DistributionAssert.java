package io.aoailab.assertions;

import io.aoailab.report.DistributionChart;
import io.aoailab.stats.Outcome;
import io.aoailab.stats.Summary;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * Whether a pool spreads its answers over the regions as the intended weights say, judged by the sequential test
 * behind a {@link PoolDistribution}: it passes when the test decided "matches", and fails when it decided
 * "deviates" or ran out of requests undecided. The failure gives the counts, the expected and observed shares, the
 * deciding statistic and its bounds, the error rates, what it means, and for a region that answered far less than
 * intended, what its own endpoint says (a dead region the pool's failover hides). Either way the report gets the
 * chart.
 *
 * <pre>{@code
 * DistributionAssert.assertThat(distribution).matchesTheIntendedWeights(region -> probe(region));
 * // Expecting the pool through APIM with openai-java to spread answers as EXPECTED_POOL_WEIGHTS says ...
 * // but after 31 requests the share of East US is at least 0.70 (31 of 31 answers; expected 0.50) ...
 * }</pre>
 */
public final class DistributionAssert extends AbstractAssert<DistributionAssert, PoolDistribution> {

    private DistributionAssert(PoolDistribution distribution) {
        super(distribution, DistributionAssert.class);
    }

    public static DistributionAssert assertThat(PoolDistribution distribution) {
        return new DistributionAssert(distribution);
    }

    /**
     * The sequential test decided that every region's share is within the tolerance of its intended one.
     *
     * @param ownEndpoint what a region's own endpoint says now ("answers 200", "answers 503 ..."), asked only for a
     *        region that answered through the pool far less than intended
     */
    public DistributionAssert matchesTheIntendedWeights(Function<String, String> ownEndpoint) {
        isNotNull();
        Summary summary = actual.summary();
        chart(actual.path(), summary).attach();
        if (summary.outcome() == Outcome.MATCHES) {
            return myself;
        }
        String what = summary.outcome() == Outcome.DEVIATES
                ? "but " + summary.explanation()
                : "but " + summary.explanation() + " Raise DISTRIBUTION_MAX_REQUESTS, or widen DISTRIBUTION_DELTA if"
                        + " so fine a difference does not matter.";
        failWithMessage("%nExpecting the pool %s to spread its answers as EXPECTED_POOL_WEIGHTS says,%n%s%n%s%s",
                actual.path(), what, table(summary), missing(summary, ownEndpoint));
        return myself;
    }

    private static DistributionChart chart(String path, Summary summary) {
        return new DistributionChart(path, summary.counts().keySet().stream()
                .map(region -> new DistributionChart.Bar(region, summary.counts().get(region),
                        expected(summary, region), summary.observedShares().get(region))).toList(),
                summary.settings().delta(), summary.explanation());
    }

    private static String table(Summary summary) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "  %-20s %8s %9s %9s%n", "region", "answers",
                "expected", "observed"));
        for (Map.Entry<String, Long> region : summary.counts().entrySet()) {
            table.append(String.format(Locale.ROOT, "  %-20s %8d %8.1f%% %8.1f%%%n", region.getKey(), region.getValue(),
                    expected(summary, region.getKey()) * 100,
                    summary.observedShares().get(region.getKey()) * 100));
        }
        return table.append(String.format(Locale.ROOT, "  deciding test: %s, log-likelihood ratio %.2f (bounds %.2f"
                + " and %.2f); false-alarm rate ≤ %s, miss rate ≤ %s, tolerance ±%.2f", summary.decidingTest(),
                summary.logLikelihoodRatio(), summary.lowerBound(), summary.upperBound(),
                number(summary.settings().alpha()), number(summary.settings().beta()), summary.settings().delta()))
                .toString();
    }

    // a region far below its share behind a pool that fails over: is it down? its own endpoint says
    private static String missing(Summary summary, Function<String, String> ownEndpoint) {
        StringBuilder missing = new StringBuilder();
        summary.counts().keySet().stream().filter(region -> expected(summary, region) > 0
                && (summary.observedShares().get(region) < expected(summary, region) - summary.settings().delta()
                        || summary.counts().get(region) == 0))
                .forEach(region -> missing.append(String.format("%n%s answered through the pool far less than"
                        + " intended; its own endpoint %s.", region, ownEndpoint.apply(region))));
        return missing.toString();
    }

    // a region the pool answered from but the deployment does not intend has no share: 0
    private static double expected(Summary summary, String region) {
        return summary.expectedShares().getOrDefault(region, 0.0);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
