package io.aoailab.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.stats.Outcome;
import io.aoailab.stats.SequentialShareTest;
import io.aoailab.stats.ShareTestSettings;
import io.aoailab.stats.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DistributionAssertTest {
    private static final String POOL = "through APIM with openai-java";
    private static final Map<String, Double> FIFTY_FIFTY = weights("East US", 50, "East US 2", 50);

    private static Map<String, Double> weights(Object... regionsAndWeights) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < regionsAndWeights.length; i += 2) {
            weights.put((String) regionsAndWeights[i], ((Number) regionsAndWeights[i + 1]).doubleValue());
        }
        return weights;
    }

    /** The sequential test's summary once it is over, fed the regions {@code answers} gives, one by one. */
    private static Summary decided(Map<String, Double> weights, ShareTestSettings settings, Supplier<String> answers) {
        SequentialShareTest test = new SequentialShareTest(weights, settings);
        while (!test.decided()) {
            test.add(answers.get());
        }
        return test.summary();
    }

    /** A pool that picks each region at random with the given shares (adding up to 1), from a fixed seed. */
    private static Supplier<String> drawn(long seed, Map<String, Double> trueShares) {
        Random random = new Random(seed);
        return () -> {
            double draw = random.nextDouble();
            String last = null;
            for (Map.Entry<String, Double> share : trueShares.entrySet()) {
                last = share.getKey();
                draw -= share.getValue();
                if (draw < 0) {
                    break;
                }
            }
            return last;
        };
    }

    private static Supplier<String> always(String region) {
        return () -> region;
    }

    private static PoolDistribution distribution(Summary summary) {
        return new PoolDistribution(POOL, summary, List.of());
    }

    /** What each region's own endpoint says, and whom it was asked about. */
    private static final class OwnEndpoints implements Function<String, String> {
        private final List<String> asked = new ArrayList<>();

        @Override
        public String apply(String region) {
            asked.add(region);
            return "refuses a request: 503 from " + region + ": Service Unavailable, so it is down and the pool's"
                    + " failover hides it";
        }
    }

    @Test
    void should_pass_a_fifty_fifty_pool_that_matches_without_asking_any_region() {
        // GIVEN a correct 50/50 pool, drawn at random
        Summary summary = decided(FIFTY_FIFTY, ShareTestSettings.DEFAULTS, drawn(20250602L, weights("East US", 0.5,
                "East US 2", 0.5)));
        assertThat(summary.outcome()).as(summary.explanation()).isEqualTo(Outcome.MATCHES);
        OwnEndpoints own = new OwnEndpoints();

        // WHEN
        DistributionAssert.assertThat(distribution(summary)).matchesTheIntendedWeights(own);

        // THEN
        assertThat(own.asked).isEmpty();
    }

    @Test
    void should_pass_an_uneven_pool_that_matches_its_weights() {
        // GIVEN a correct 70/30 pool, drawn at random
        Map<String, Double> weights = weights("East US", 70, "East US 2", 30);
        Summary summary = decided(weights, ShareTestSettings.DEFAULTS, drawn(7L, weights("East US", 0.7,
                "East US 2", 0.3)));
        assertThat(summary.outcome()).as(summary.explanation()).isEqualTo(Outcome.MATCHES);

        // WHEN / THEN
        DistributionAssert.assertThat(distribution(summary)).matchesTheIntendedWeights(region -> {
            throw new AssertionError("asked about " + region + " though the pool matches");
        });
    }

    @Test
    void should_fail_a_deviating_pool_with_the_counts_the_shares_the_deciding_test_and_the_error_rates() {
        // GIVEN a 50/50 pool that sends everything to East US, measured at α 0.01, β 0.05: after 16 answers the
        // test of "East US ≥ 0.70" stands at 16·ln(1.4) = 5.38, past its bound ln(2/0.01) = 5.30
        Summary summary = decided(FIFTY_FIFTY, new ShareTestSettings(0.01, 0.05, 0.20, 2000), always("East US"));
        OwnEndpoints own = new OwnEndpoints();

        // WHEN / THEN
        assertThatThrownBy(() -> DistributionAssert.assertThat(distribution(summary)).matchesTheIntendedWeights(own))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the pool through APIM with openai-java to spread its answers as"
                        + " EXPECTED_POOL_WEIGHTS says,")
                .hasMessageContaining("but after 16 requests the split deviates from the intended one: the evidence"
                        + " favours a share of East US ≥ 0.70. Answers: East US: 16 answers, share 1.00 (intended"
                        + " 0.50); East US 2: 0 answers, share 0.00 (intended 0.50).")
                .hasMessageContaining("is called deviating with probability at most 0.01 (false alarm)")
                .hasMessageFindingMatch("region\\s+answers\\s+expected\\s+observed")
                .hasMessageFindingMatch("East US\\s+16\\s+50\\.0%\\s+100\\.0%")
                .hasMessageFindingMatch("East US 2\\s+0\\s+50\\.0%\\s+0\\.0%")
                .hasMessageContaining("deciding test: share of East US ≥ 0.70, log-likelihood ratio 5.38 (bounds"
                        + " -3.00 and 5.30); false-alarm rate ≤ 0.01, miss rate ≤ 0.05, tolerance ±0.20");
        assertThat(own.asked).containsExactly("East US 2");
    }

    @Test
    void should_say_what_the_own_endpoint_of_a_region_far_below_its_share_answers() {
        // GIVEN a 50/50 pool sending East US 2 about one answer in seven, drawn at random
        Summary summary = decided(FIFTY_FIFTY, ShareTestSettings.DEFAULTS, drawn(42L, weights("East US", 0.85,
                "East US 2", 0.15)));
        assertThat(summary.outcome()).as(summary.explanation()).isEqualTo(Outcome.DEVIATES);
        assertThat(summary.observedShares().get("East US 2")).as("East US 2's share").isLessThan(0.3);
        OwnEndpoints own = new OwnEndpoints();

        // WHEN / THEN
        assertThatThrownBy(() -> DistributionAssert.assertThat(distribution(summary)).matchesTheIntendedWeights(own))
                .hasMessageFindingMatch("East US\\s+" + summary.counts().get("East US") + "\\s+50\\.0%")
                .hasMessageFindingMatch("East US 2\\s+" + summary.counts().get("East US 2") + "\\s+50\\.0%")
                .hasMessageContaining("East US 2 answered through the pool far less than intended; its own endpoint"
                        + " refuses a request: 503 from East US 2: Service Unavailable, so it is down and the pool's"
                        + " failover hides it.")
                .hasMessageNotContaining("East US answered through the pool far less");
        assertThat(own.asked).containsExactly("East US 2");
    }

    @Test
    void should_not_ask_the_own_endpoint_of_a_region_within_its_tolerance() {
        // GIVEN three regions, one of which took more than its share from the others but none by δ
        Summary summary = new Summary(Outcome.DEVIATES, 300, Map.of("East US", 150L, "East US 2", 81L,
                "West US", 69L), Map.of("East US", 0.4, "East US 2", 0.3, "West US", 0.3), Map.of("East US", 0.5,
                        "East US 2", 0.27, "West US", 0.23), "share of East US ≥ 0.60", 7.9, 7.6, -6.91,
                ShareTestSettings.DEFAULTS);
        OwnEndpoints own = new OwnEndpoints();

        // WHEN / THEN
        assertThatThrownBy(() -> DistributionAssert.assertThat(distribution(summary)).matchesTheIntendedWeights(own))
                .hasMessageNotContaining("far less than intended");
        assertThat(own.asked).isEmpty();
    }

    @Test
    void should_ask_the_own_endpoint_of_a_region_that_answered_nothing_though_its_share_is_small() {
        // GIVEN an 80/20 pool whose 20% region answered none of the requests (dead, hidden by the pool's failover):
        // after 35 answers the test of "East US ≥ 1.00" stands at 35·ln(1.25) = 7.81, past ln(2/0.001) = 7.60
        Map<String, Double> weights = weights("East US", 80, "East US 2", 20);
        Summary summary = decided(weights, ShareTestSettings.DEFAULTS, always("East US"));
        assertThat(summary.outcome()).as(summary.explanation()).isEqualTo(Outcome.DEVIATES);
        OwnEndpoints own = new OwnEndpoints();

        // WHEN / THEN
        assertThatThrownBy(() -> DistributionAssert.assertThat(distribution(summary)).matchesTheIntendedWeights(own))
                .hasMessageFindingMatch("East US 2\\s+0\\s+20\\.0%\\s+0\\.0%");
        assertThat(own.asked).as("regions whose own endpoint was asked").containsExactly("East US 2");
    }

    @Test
    void should_fail_an_undecided_measurement_naming_the_request_budget() {
        // GIVEN a 50/50 pool answering in turn, measured with a budget of 20 requests: too few to decide
        ShareTestSettings settings = new ShareTestSettings(0.001, 0.001, 0.20, 20);
        int[] sent = {0};
        Summary summary = decided(FIFTY_FIFTY, settings, () -> sent[0]++ % 2 == 0 ? "East US" : "East US 2");
        assertThat(summary.outcome()).isEqualTo(Outcome.UNDECIDED);
        OwnEndpoints own = new OwnEndpoints();

        // WHEN / THEN
        assertThatThrownBy(() -> DistributionAssert.assertThat(distribution(summary)).matchesTheIntendedWeights(own))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the pool through APIM with openai-java to spread its answers as"
                        + " EXPECTED_POOL_WEIGHTS says,")
                .hasMessageContaining("but not enough evidence within 20 requests to tell whether every region's"
                        + " share is within ±0.20 of the intended one: the test stopped there without a verdict."
                        + " Answers: East US: 10 answers, share 0.50 (intended 0.50); East US 2: 10 answers, share"
                        + " 0.50 (intended 0.50).")
                .hasMessageContaining("Raise DISTRIBUTION_MAX_REQUESTS, or widen DISTRIBUTION_DELTA if so fine a"
                        + " difference does not matter.")
                .hasMessageFindingMatch("East US\\s+10\\s+50\\.0%\\s+50\\.0%")
                .hasMessageContaining("false-alarm rate ≤ 0.001, miss rate ≤ 0.001, tolerance ±0.20");
        assertThat(own.asked).isEmpty();
    }

    @Test
    void should_fail_without_a_measurement() {
        assertThatThrownBy(() -> DistributionAssert.assertThat(null).matchesTheIntendedWeights(region -> "up"))
                .isInstanceOf(AssertionError.class);
    }
}
