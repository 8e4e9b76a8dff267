package io.aoailab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The procedure on hand-made answers; its error rates are SequentialShareTestErrorRatesTest's. */
class SequentialShareTestTest {
    private static final Map<String, Double> FIFTY_FIFTY = weights("East US", 50.0, "East US 2", 50.0);
    private static final String ERROR_RATES = " Error rates: a pool that follows its weights is called deviating"
            + " with probability at most 0.001 (false alarm), one with a region's share off by 0.20 or more is called"
            + " matching with probability at most 0.001 (miss).";

    @Test
    void should_normalise_the_weights_into_shares_in_their_order() {
        SequentialShareTest test = new SequentialShareTest(weights("East US 2", 3.0, "East US", 1.0, "West US", 0.0),
                ShareTestSettings.DEFAULTS);

        Summary summary = test.summary();

        assertThat(summary.expectedShares()).containsExactly(Map.entry("East US 2", 0.75),
                Map.entry("East US", 0.25), Map.entry("West US", 0.0));
        assertThat(summary.counts()).containsExactly(Map.entry("East US 2", 0L), Map.entry("East US", 0L),
                Map.entry("West US", 0L));
        assertThatThrownBy(() -> summary.expectedShares().put("West US", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> not_a_split() {
        return Stream.of(
                Arguments.of(weights("East US", 1.0), "a split needs at least two regions, got {East US=1.0}"),
                Arguments.of(weights("East US", 1.0, "East US 2", -1.0),
                        "the weight of East US 2 must be a finite number ≥ 0, got -1.0"),
                Arguments.of(weights("East US", Double.NaN, "East US 2", 1.0),
                        "the weight of East US must be a finite number ≥ 0, got NaN"),
                Arguments.of(weights("East US", 1.0, "East US 2", Double.POSITIVE_INFINITY),
                        "the weight of East US 2 must be a finite number ≥ 0, got Infinity"),
                Arguments.of(weights("East US", 1.0, "East US 2", null),
                        "the weight of East US 2 must be a finite number ≥ 0, got null"),
                Arguments.of(weights("East US", 0.0, "East US 2", 0.0),
                        "the weights must add up to a finite number above 0, got {East US=0.0, East US 2=0.0}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("not_a_split")
    void should_refuse_weights_that_are_no_split(Map<String, Double> weights, String message) {
        assertThatThrownBy(() -> new SequentialShareTest(weights, ShareTestSettings.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void should_refuse_a_tolerance_no_share_can_move_by() {
        // GIVEN a 50/50 split: no share can rise or fall by 0.6
        ShareTestSettings settings = new ShareTestSettings(0.001, 0.001, 0.6, 2000);

        assertThatThrownBy(() -> new SequentialShareTest(FIFTY_FIFTY, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delta 0.6 is wider than any of the shares {East US=0.5, East US 2=0.5} can move");
    }

    @Test
    void should_deviate_on_the_first_answer_from_a_region_not_among_the_intended_ones() {
        SequentialShareTest test = new SequentialShareTest(FIFTY_FIFTY, ShareTestSettings.DEFAULTS);

        assertThat(Stream.of("East US", "East US 2", "East US", "East US 2").map(test::add))
                .containsOnly(Outcome.UNDECIDED);
        assertThat(test.add("West Europe")).isEqualTo(Outcome.DEVIATES);

        // THEN it is counted after the intended regions, with no expected share, and its answer is the evidence
        Summary summary = test.summary();
        assertThat(test.decided()).isTrue();
        assertThat(summary.samples()).isEqualTo(5);
        assertThat(summary.counts()).containsExactly(Map.entry("East US", 2L), Map.entry("East US 2", 2L),
                Map.entry("West Europe", 1L));
        assertThat(summary.expectedShares()).containsOnlyKeys("East US", "East US 2");
        assertThat(summary.observedShares()).containsEntry("West Europe", 0.2);
        assertThat(summary.decidingTest()).isEqualTo("an answer from West Europe, which is not one of the intended"
                + " regions");
        assertThat(summary.logLikelihoodRatio()).isFinite().isEqualTo(summary.upperBound());
        assertThat(summary.explanation()).isEqualTo("after 5 requests the split deviates from the intended one: West"
                + " Europe answered though it is not one of the intended regions [East US, East US 2]. Answers: East"
                + " US: 2 answers, share 0.40 (intended 0.50); East US 2: 2 answers, share 0.40 (intended 0.50); West"
                + " Europe: 1 answer, share 0.20 (not intended). An answer the intended split rules out is conclusive:"
                + " its log-likelihood ratio is infinite, whatever the bounds (7.60 for a deviation, -6.91 for the"
                + " intended share)." + ERROR_RATES);
    }

    @Test
    void should_deviate_on_a_region_not_among_the_intended_ones_even_as_the_first_answer() {
        SequentialShareTest test = new SequentialShareTest(FIFTY_FIFTY, ShareTestSettings.DEFAULTS);

        assertThat(test.add("West Europe")).isEqualTo(Outcome.DEVIATES);
        assertThat(test.summary().observedShares()).containsExactly(Map.entry("East US", 0.0),
                Map.entry("East US 2", 0.0), Map.entry("West Europe", 1.0));
    }

    @Test
    void should_refuse_an_answer_without_a_region() {
        SequentialShareTest test = new SequentialShareTest(FIFTY_FIFTY, ShareTestSettings.DEFAULTS);

        assertThatThrownBy(() -> test.add(null)).isInstanceOf(NullPointerException.class).hasMessage("category");
        assertThat(test.summary().samples()).isZero();
    }

    @Test
    void should_share_the_false_alarm_rate_over_the_tests_it_runs() {
        // 50/50: "East US ≥ 0.70" and "East US 2 ≥ 0.70" (each region's "≤ 0.30" is the other's "≥ 0.70")
        assertThat(upperBound(FIFTY_FIFTY)).isCloseTo(Math.log(2 / 0.001), within(1e-12));
        // 50/30/20: both directions for all three (0.2 can fall to 0)
        assertThat(upperBound(weights("A", 50.0, "B", 30.0, "C", 20.0))).isCloseTo(Math.log(6 / 0.001),
                within(1e-12));
        // 90/10: only "the 10 % region ≥ 0.30"
        assertThat(upperBound(weights("A", 90.0, "B", 10.0))).isCloseTo(Math.log(1 / 0.001), within(1e-12));
    }

    @Test
    void should_match_an_alternating_fifty_fifty_pool_after_80_requests() {
        // GIVEN a pool that alternates, as a round-robin does
        SequentialShareTest test = new SequentialShareTest(FIFTY_FIFTY, ShareTestSettings.DEFAULTS);

        // WHEN it is fed until it decides
        feed(test, "East US", "East US 2");

        // THEN each pair of answers moves "East US ≥ 0.70" by log(0.7/0.5) + log(0.3/0.5) ≈ -0.174, so it needs
        // 40 pairs to fall below log(0.001) ≈ -6.91; "East US 2 ≥ 0.70" gets there after 75 answers
        Summary summary = test.summary();
        assertThat(summary.outcome()).isEqualTo(Outcome.MATCHES);
        assertThat(summary.samples()).isEqualTo(80);
        assertThat(summary.observedShares()).containsExactly(Map.entry("East US", 0.5), Map.entry("East US 2", 0.5));
        assertThat(summary.decidingTest()).isEqualTo("every share within ±0.20");
        assertThat(summary.logLikelihoodRatio()).isLessThanOrEqualTo(summary.lowerBound());
        assertThat(summary.explanation()).isEqualTo("after 80 requests every region's share is within ±0.20 of the"
                + " intended one. Answers: East US: 40 answers, share 0.50 (intended 0.50); East US 2: 40 answers,"
                + " share 0.50 (intended 0.50). Every test for a deviation of 0.20 accepted the intended share: the"
                + " highest of their log-likelihood ratios is -6.96 (bounds: 7.60 for a deviation, -6.91 for the"
                + " intended share)." + ERROR_RATES);
    }

    @Test
    void should_catch_a_pool_that_sends_everything_to_one_region_after_23_requests() {
        SequentialShareTest test = new SequentialShareTest(FIFTY_FIFTY, ShareTestSettings.DEFAULTS);

        feed(test, "East US");

        // log(2000)/log(0.7/0.5) ≈ 22.6 answers from East US
        Summary summary = test.summary();
        assertThat(summary.outcome()).isEqualTo(Outcome.DEVIATES);
        assertThat(summary.samples()).isEqualTo(23);
        assertThat(summary.counts()).containsExactly(Map.entry("East US", 23L), Map.entry("East US 2", 0L));
        assertThat(summary.decidingTest()).isEqualTo("share of East US ≥ 0.70");
        assertThat(summary.logLikelihoodRatio()).isCloseTo(23 * Math.log(1.4), within(1e-9));
        assertThat(summary.explanation()).isEqualTo("after 23 requests the split deviates from the intended one: the"
                + " evidence favours a share of East US ≥ 0.70. Answers: East US: 23 answers, share 1.00 (intended"
                + " 0.50); East US 2: 0 answers, share 0.00 (intended 0.50). The log-likelihood ratio of that"
                + " alternative to the intended share reached 7.74 (bounds: 7.60 for a deviation, -6.91 for the"
                + " intended share)." + ERROR_RATES);
    }

    @Test
    void should_catch_a_region_that_gets_too_little_of_three() {
        // GIVEN 50/30/20 intended, and a pool that never sends anything to B
        SequentialShareTest test = new SequentialShareTest(weights("A", 50.0, "B", 30.0, "C", 20.0),
                ShareTestSettings.DEFAULTS);

        feed(test, "A", "C", "A", "C", "A");

        assertThat(test.outcome()).isEqualTo(Outcome.DEVIATES);
        assertThat(test.summary().decidingTest()).isEqualTo("share of B ≤ 0.10");
    }

    @Test
    void should_keep_an_alternative_at_exactly_one_so_that_everything_to_the_larger_region_is_caught() {
        // GIVEN 80/20 with δ = 0.2: "A ≥ 1.00" exists (A getting everything is off by δ), "A ≥ 1.20" would not
        Map<String, Double> eightyTwenty = weights("A", 80.0, "B", 20.0);
        SequentialShareTest everythingToA = new SequentialShareTest(eightyTwenty, ShareTestSettings.DEFAULTS);
        SequentialShareTest asIntended = new SequentialShareTest(eightyTwenty, ShareTestSettings.DEFAULTS);

        feed(everythingToA, "A");
        feed(asIntended, "A", "A", "A", "A", "B");

        // THEN each answer from A adds log(1/0.8), and log(2/0.001)/log(1.25) ≈ 34.06 of them deviate
        assertThat(everythingToA.outcome()).isEqualTo(Outcome.DEVIATES);
        assertThat(everythingToA.summary().samples()).isEqualTo(35);
        assertThat(everythingToA.summary().decidingTest()).isEqualTo("share of A ≥ 1.00");
        // AND the first answer from B is impossible under "A ≥ 1.00", so that test accepts on it
        assertThat(asIntended.outcome()).isEqualTo(Outcome.MATCHES);
    }

    @Test
    void should_deviate_on_the_first_answer_from_a_region_meant_to_get_nothing() {
        SequentialShareTest test = new SequentialShareTest(weights("A", 1.0, "B", 1.0, "C", 0.0),
                ShareTestSettings.DEFAULTS);

        assertThat(Stream.of("A", "B", "A").map(test::add)).containsOnly(Outcome.UNDECIDED);
        assertThat(test.add("C")).isEqualTo(Outcome.DEVIATES);

        // THEN the infinite evidence is reported as the bound it crossed, and said in words
        Summary summary = test.summary();
        assertThat(summary.decidingTest()).isEqualTo("share of C ≥ 0.20");
        assertThat(summary.logLikelihoodRatio()).isFinite().isEqualTo(summary.upperBound());
        assertThat(summary.explanation()).isEqualTo("after 4 requests the split deviates from the intended one: C"
                + " answered 1 though its intended share is 0. Answers: A: 2 answers, share 0.50 (intended 0.50); B:"
                + " 1 answer, share 0.25 (intended 0.50); C: 1 answer, share 0.25 (intended 0.00). An answer the"
                + " intended split rules out is conclusive: its log-likelihood ratio is infinite, whatever the bounds"
                + " (8.52 for a deviation, -6.91 for the intended share)." + ERROR_RATES);
    }

    @Test
    void should_match_a_region_meant_to_get_nothing_once_its_silence_is_evidence_enough() {
        SequentialShareTest test = new SequentialShareTest(weights("A", 1.0, "B", 0.0), ShareTestSettings.DEFAULTS);

        feed(test, "A");

        // a share of 0.2 for B would leave it silent 31 times in a row with probability 0.8^31 < 0.001
        assertThat(test.outcome()).isEqualTo(Outcome.MATCHES);
        assertThat(test.summary().samples()).isEqualTo(31);
    }

    @Test
    void should_deviate_when_a_region_meant_to_get_everything_misses_one_answer() {
        Map<String, Double> everything = weights("A", 1.0, "B", 0.0, "C", 0.0);
        SequentialShareTest deviating = new SequentialShareTest(everything, ShareTestSettings.DEFAULTS);
        SequentialShareTest matching = new SequentialShareTest(everything, ShareTestSettings.DEFAULTS);

        feed(deviating, "A", "A", "B");
        feed(matching, "A");

        assertThat(deviating.summary().samples()).isEqualTo(3);
        assertThat(deviating.summary().explanation()).startsWith("after 3 requests the split deviates from the"
                + " intended one: B answered 1 though its intended share is 0");
        assertThat(matching.outcome()).isEqualTo(Outcome.MATCHES);
        assertThat(matching.summary().samples()).isEqualTo(31);
    }

    @Test
    void should_refuse_answers_after_a_decision() {
        SequentialShareTest test = new SequentialShareTest(FIFTY_FIFTY, ShareTestSettings.DEFAULTS);
        feed(test, "East US");

        assertThat(test.decided()).isTrue();
        assertThatThrownBy(() -> test.add("East US 2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the test is over after 23 requests (DEVIATES): one test per measurement");
    }

    @Test
    void should_stay_undecided_at_max_samples_and_say_there_was_not_enough_evidence() {
        SequentialShareTest test = new SequentialShareTest(FIFTY_FIFTY, new ShareTestSettings(0.001, 0.001, 0.2, 10));

        feed(test, "East US", "East US 2");

        Summary summary = test.summary();
        assertThat(summary.outcome()).isEqualTo(Outcome.UNDECIDED);
        assertThat(summary.samples()).isEqualTo(10);
        assertThat(test.decided()).isTrue();
        assertThatThrownBy(() -> test.add("East US")).isInstanceOf(IllegalStateException.class);
        assertThat(summary.explanation()).isEqualTo("not enough evidence within 10 requests to tell whether every"
                + " region's share is within ±0.20 of the intended one: the test stopped there without a verdict."
                + " Answers: East US: 5 answers, share 0.50 (intended 0.50); East US 2: 5 answers, share 0.50"
                + " (intended 0.50). The open test closest to a deviation, share of East US ≥ 0.70, stands at a"
                + " log-likelihood ratio of -0.87 (bounds: 7.60 for a deviation, -6.91 for the intended share)."
                + ERROR_RATES);
    }

    @Test
    void should_say_it_is_still_sampling_before_the_first_answer_without_dividing_by_zero() {
        SequentialShareTest test = new SequentialShareTest(FIFTY_FIFTY, ShareTestSettings.DEFAULTS);

        Summary summary = test.summary();

        assertThat(test.decided()).isFalse();
        assertThat(summary.outcome()).isEqualTo(Outcome.UNDECIDED);
        assertThat(summary.observedShares()).containsExactly(Map.entry("East US", 0.0), Map.entry("East US 2", 0.0));
        assertThat(summary.explanation()).startsWith("after 0 of at most 2000 requests the test is still sampling."
                + " Answers: East US: 0 answers, share 0.00 (intended 0.50); East US 2: 0 answers, share 0.00"
                + " (intended 0.50). The open test closest to a deviation, share of East US ≥ 0.70, stands at a"
                + " log-likelihood ratio of 0.00");
    }

    @Test
    void should_keep_nan_and_infinity_out_of_every_summary() {
        // GIVEN splits with shares of 0 and 1 and alternatives at 0 and 1 (80/20 with δ = 0.2)
        for (Map<String, Double> weights : Arrays.asList(weights("A", 1.0, "B", 0.0), weights("A", 80.0, "B", 20.0),
                weights("A", 1.0, "B", 0.0, "C", 0.0), weights("A", 50.0, "B", 30.0, "C", 20.0))) {
            for (String[] answers : new String[][] {{"A"}, {"B"}, {"A", "B"}, {"B", "A", "A", "A"}}) {
                SequentialShareTest test = new SequentialShareTest(weights, ShareTestSettings.DEFAULTS);
                Summary summary = feed(test, answers);

                assertThat(summary.logLikelihoodRatio()).as("%s fed %s", weights, Arrays.toString(answers))
                        .isFinite();
                assertThat(summary.explanation()).as("%s fed %s", weights, Arrays.toString(answers))
                        .doesNotContain("NaN", "Infinity", "∞");
            }
        }
    }

    static Stream<Arguments> every_outcome() {
        ShareTestSettings settings = new ShareTestSettings(0.05, 0.01, 0.25, 2000);
        ShareTestSettings tiny = new ShareTestSettings(0.05, 0.01, 0.25, 12);
        return Stream.of(
                Arguments.of(Outcome.MATCHES, settings, new String[] {"A", "B", "A", "C"}),
                Arguments.of(Outcome.DEVIATES, settings, new String[] {"A"}),
                Arguments.of(Outcome.UNDECIDED, tiny, new String[] {"A", "B", "C", "A"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every_outcome")
    void should_explain_every_outcome_with_counts_shares_statistic_and_error_rates(Outcome outcome,
            ShareTestSettings settings, String[] answers) {
        // GIVEN 50/25/25 intended and settings that are not the defaults, so that no number is there by accident
        SequentialShareTest test = new SequentialShareTest(weights("A", 2.0, "B", 1.0, "C", 1.0), settings);

        Summary summary = feed(test, answers);

        assertThat(summary.outcome()).isEqualTo(outcome);
        String explanation = summary.explanation();
        summary.counts().forEach((region, count) -> assertThat(explanation)
                .contains(region + ": " + count + (count == 1 ? " answer," : " answers,")
                        + " share " + Decimals.share(summary.observedShares().get(region))
                        + " (intended " + Decimals.share(summary.expectedShares().get(region)) + ")"));
        assertThat(explanation).contains("log-likelihood ratio", Decimals.ratio(summary.logLikelihoodRatio()),
                "bounds: " + Decimals.ratio(summary.upperBound()) + " for a deviation, "
                        + Decimals.ratio(summary.lowerBound()) + " for the intended share",
                "called deviating with probability at most 0.05 (false alarm)",
                "off by 0.25 or more is called matching with probability at most 0.01 (miss)");
    }

    // feeds the answers round and round until the test is over
    private static Summary feed(SequentialShareTest test, String... answers) {
        for (int i = 0; !test.decided(); i++) {
            test.add(answers[i % answers.length]);
        }
        return test.summary();
    }

    private static double upperBound(Map<String, Double> weights) {
        return new SequentialShareTest(weights, ShareTestSettings.DEFAULTS).summary().upperBound();
    }

    static Map<String, Double> weights(Object... regionsAndWeights) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < regionsAndWeights.length; i += 2) {
            weights.put((String) regionsAndWeights[i], (Double) regionsAndWeights[i + 1]);
        }
        return weights;
    }
}
