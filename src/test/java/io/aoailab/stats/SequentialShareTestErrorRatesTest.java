package io.aoailab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aoailab.testing.SimulatedPool;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error rates SequentialShareTest promises: false alarms (DEVIATES on a pool that follows its weights) at most α,
 * misses (MATCHES on a pool whose share of one region is off by exactly δ) at most β. Computed exactly for two regions
 * and independent draws ({@link ExactTwoRegionRates}), and measured by simulation for two and three regions with random
 * draws, smooth weighted round-robin (from every point of its cycle) and unsynchronised round-robin gateways; where
 * both exist the simulation must agree with the exact rate. Seeded, so every run sees the same measurements.
 */
class SequentialShareTestErrorRatesTest {
    // error rates loose enough that 10,000 measurements pin the actual rate down well below them (about 0.04)
    private static final ShareTestSettings LOOSE = new ShareTestSettings(0.05, 0.05, 0.20, 2000);
    // at α = 0.001 an error is a rare event: 50,000 measurements give about 50 of them at rate α
    private static final int DEFAULT_RUNS = 50_000;
    private static final int CHUNKS = 8;

    private static final Map<String, Integer> FIFTY_FIFTY = split("East US", 50, "East US 2", 50);
    private static final Map<String, Integer> SEVENTY_THIRTY = split("East US", 70, "East US 2", 30);
    private static final Map<String, Integer> FORTY_THIRTY_THIRTY = split("A", 40, "B", 30, "C", 30);
    private static final Map<String, Integer> A_TWENTY_MORE = split("A", 60, "B", 20, "C", 20);
    private static final Map<String, Integer> A_TWENTY_FEWER = split("A", 20, "B", 40, "C", 40);

    /** How a simulated pool picks the region that answers. */
    enum Pool {
        RANDOM(10_000) {
            @Override
            SimulatedPool create(Map<String, Integer> weights, SplittableRandom random) {
                return SimulatedPool.weightedRandom(weights, random);
            }
        },
        /**
         * Three gateway instances round-robining unsynchronised, each request landing on one at random (APIM). Fewer
         * runs: they err far less often than random draws (never, in these runs), so 5,000 are plenty.
         */
        GATEWAYS(5_000) {
            @Override
            SimulatedPool create(Map<String, Integer> weights, SplittableRandom random) {
                return SimulatedPool.unsynchronisedGateways(3, weights, random);
            }
        };

        /** How many measurements at the loose error rates. */
        final int looseRuns;

        Pool(int looseRuns) {
            this.looseRuns = looseRuns;
        }

        abstract SimulatedPool create(Map<String, Integer> weights, SplittableRandom random);
    }

    /** How {@code runs} measurements ended. */
    record Tally(int matches, int deviates, int undecided, int runs) {
        double rate(Outcome outcome) {
            return (double) count(outcome) / runs;
        }

        int count(Outcome outcome) {
            return switch (outcome) {
                case MATCHES -> matches;
                case DEVIATES -> deviates;
                case UNDECIDED -> undecided;
            };
        }
    }

    static Stream<Arguments> correct_pools() {
        return Stream.of(Pool.values()).flatMap(pool -> Stream.of(
                Arguments.of("50/50", FIFTY_FIFTY, pool),
                Arguments.of("40/30/30", FORTY_THIRTY_THIRTY, pool)));
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("correct_pools")
    void should_call_a_pool_that_follows_its_weights_deviating_at_most_alpha_of_the_time(String name,
            Map<String, Integer> weights, Pool pool) {
        Tally tally = simulate(weights, weights, LOOSE, pool, pool.looseRuns, 20_251_130L);

        assertMeasuredAtMost(tally.count(Outcome.DEVIATES), tally.runs(), LOOSE.alpha(), "false alarms");
        assertThat(tally.undecided()).as("undecided within %d requests", LOOSE.maxSamples()).isZero();
        if (pool == Pool.RANDOM && weights.size() == 2) {
            assertAgreesWithExact(tally, Outcome.DEVIATES, weights, weights, LOOSE);
        }
    }

    static Stream<Arguments> pools_off_by_delta() {
        return Stream.of(Pool.values()).flatMap(pool -> Stream.of(
                Arguments.of("70/30 for 50/50", FIFTY_FIFTY, SEVENTY_THIRTY, pool),
                Arguments.of("60/20/20 for 40/30/30", FORTY_THIRTY_THIRTY, A_TWENTY_MORE, pool),
                Arguments.of("20/40/40 for 40/30/30", FORTY_THIRTY_THIRTY, A_TWENTY_FEWER, pool)));
    }

    @ParameterizedTest(name = "{0}, {3}")
    @MethodSource("pools_off_by_delta")
    void should_call_a_pool_off_by_delta_matching_at_most_beta_of_the_time(String name,
            Map<String, Integer> intended, Map<String, Integer> actual, Pool pool) {
        Tally tally = simulate(intended, actual, LOOSE, pool, pool.looseRuns, 4_711L);

        assertMeasuredAtMost(tally.count(Outcome.MATCHES), tally.runs(), LOOSE.beta(), "misses");
        assertThat(tally.undecided()).as("undecided within %d requests", LOOSE.maxSamples()).isZero();
        if (pool == Pool.RANDOM && intended.size() == 2) {
            assertAgreesWithExact(tally, Outcome.MATCHES, intended, actual, LOOSE);
        }
    }

    static Stream<Arguments> at_the_defaults() {
        return Stream.of(
                Arguments.of("false alarms, 50/50", FIFTY_FIFTY, FIFTY_FIFTY, Outcome.DEVIATES),
                Arguments.of("misses, 70/30 for 50/50", FIFTY_FIFTY, SEVENTY_THIRTY, Outcome.MATCHES),
                Arguments.of("false alarms, 40/30/30", FORTY_THIRTY_THIRTY, FORTY_THIRTY_THIRTY, Outcome.DEVIATES),
                Arguments.of("misses, 60/20/20 for 40/30/30", FORTY_THIRTY_THIRTY, A_TWENTY_MORE, Outcome.MATCHES));
    }

    // At α = β = 0.001 the promised rates are nearly the actual ones (a bound is overshot by a fraction of a step: a
    // correct 50/50 pool errs 0.86 α of the time, exactly), so the count in 50,000 measurements falls above 50 by
    // chance about one time in seven, and "measured ≤ α" would test the seed. The exact binomial test asks the right
    // question instead: is the count compatible with a rate of at most α? Two regions are also held to the exact rate.
    @ParameterizedTest(name = "{0}")
    @MethodSource("at_the_defaults")
    void should_keep_the_default_error_rates_with_random_draws(String name, Map<String, Integer> intended,
            Map<String, Integer> actual, Outcome wrong) {
        ShareTestSettings defaults = ShareTestSettings.DEFAULTS;
        double rate = wrong == Outcome.DEVIATES ? defaults.alpha() : defaults.beta();

        Tally tally = simulate(intended, actual, defaults, Pool.RANDOM, DEFAULT_RUNS, 1_945L);

        assertCompatibleWithAtMost(tally.count(wrong), tally.runs(), rate, name);
        assertThat(tally.undecided()).as("undecided within %d requests", defaults.maxSamples()).isZero();
        if (intended.size() == 2) {
            assertAgreesWithExact(tally, wrong, intended, actual, defaults);
        }
    }

    static Stream<Arguments> two_region_splits() {
        // intended first share, true first share, the wrong outcome there; 90/10 runs one test only ("the second
        // region ≥ 0.30"), 70/30 one per region ("first ≥ 0.90", "second ≥ 0.50")
        return Stream.of(LOOSE, ShareTestSettings.DEFAULTS).flatMap(settings -> Stream.of(
                Arguments.of(0.5, 0.5, Outcome.DEVIATES, settings),
                Arguments.of(0.5, 0.7, Outcome.MATCHES, settings),
                Arguments.of(0.5, 0.3, Outcome.MATCHES, settings),
                Arguments.of(0.7, 0.7, Outcome.DEVIATES, settings),
                Arguments.of(0.7, 0.9, Outcome.MATCHES, settings),
                Arguments.of(0.7, 0.5, Outcome.MATCHES, settings),
                Arguments.of(0.9, 0.9, Outcome.DEVIATES, settings),
                Arguments.of(0.9, 0.7, Outcome.MATCHES, settings)));
    }

    @ParameterizedTest(name = "intended {0}, true {1}: P({2}), {3}")
    @MethodSource("two_region_splits")
    void should_keep_the_error_rates_exactly_for_two_regions(double intended, double actual, Outcome wrong,
            ShareTestSettings settings) {
        double[] exact = ExactTwoRegionRates.outcomes(intended, actual, settings);

        double promised = wrong == Outcome.DEVIATES ? settings.alpha() : settings.beta();
        assertThat(exact[wrong.ordinal()]).isLessThanOrEqualTo(promised);
        assertThat(exact[Outcome.UNDECIDED.ordinal()]).isLessThan(1e-12);
        assertThat(Arrays.stream(exact).sum()).isCloseTo(1, within(1e-9));
    }

    static Stream<Arguments> round_robin_pools() {
        return Stream.of(LOOSE, ShareTestSettings.DEFAULTS).flatMap(settings -> Stream.of(
                Arguments.of("50/50", FIFTY_FIFTY, FIFTY_FIFTY, settings, Outcome.MATCHES),
                Arguments.of("40/30/30", FORTY_THIRTY_THIRTY, FORTY_THIRTY_THIRTY, settings, Outcome.MATCHES),
                Arguments.of("70/30 for 50/50", FIFTY_FIFTY, SEVENTY_THIRTY, settings, Outcome.DEVIATES),
                Arguments.of("60/20/20 for 40/30/30", FORTY_THIRTY_THIRTY, A_TWENTY_MORE, settings,
                        Outcome.DEVIATES),
                Arguments.of("20/40/40 for 40/30/30", FORTY_THIRTY_THIRTY, A_TWENTY_FEWER, settings,
                        Outcome.DEVIATES)));
    }

    // a smooth weighted round-robin is deterministic once its starting point is known, so every starting point is
    // one measurement, and together they are all there are: the rates are exact, not estimates
    @ParameterizedTest(name = "{0}, {3}")
    @MethodSource("round_robin_pools")
    void should_never_err_on_a_round_robin_pool_from_any_point_of_its_cycle(String name,
            Map<String, Integer> intended, Map<String, Integer> actual, ShareTestSettings settings, Outcome right) {
        int cycle = actual.values().stream().mapToInt(Integer::intValue).sum();
        for (int phase = 0; phase < cycle; phase++) {
            SimulatedPool pool = SimulatedPool.smoothRoundRobin(actual, phase);
            SequentialShareTest test = new SequentialShareTest(shares(intended), settings);
            while (!test.decided()) {
                test.add(pool.next());
            }

            assertThat(test.outcome()).as("%s from phase %d: %s", name, phase, test.summary().explanation())
                    .isEqualTo(right);
        }
    }

    /**
     * {@code runs} seeded measurements of a pool at {@code actual} against the {@code intended} weights, in chunks run
     * in parallel; each chunk's generator is split off the seed before any runs, so the tally does not depend on the
     * scheduling.
     */
    static Tally simulate(Map<String, Integer> intended, Map<String, Integer> actual, ShareTestSettings settings,
            Pool pool, int runs, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<SplittableRandom> chunks = IntStream.range(0, CHUNKS).mapToObj(chunk -> root.split()).toList();
        Map<String, Double> weights = shares(intended);
        int[] outcomes = IntStream.range(0, CHUNKS).parallel().mapToObj(chunk -> {
            SplittableRandom random = chunks.get(chunk);
            int[] counted = new int[Outcome.values().length];
            for (int run = runs * chunk / CHUNKS; run < runs * (chunk + 1) / CHUNKS; run++) {
                SimulatedPool answers = pool.create(actual, random);
                SequentialShareTest test = new SequentialShareTest(weights, settings);
                while (!test.decided()) {
                    test.add(answers.next());
                }
                counted[test.outcome().ordinal()]++;
            }
            return counted;
        }).reduce(new int[Outcome.values().length], (a, b) -> {
            int[] sum = a.clone();
            Arrays.setAll(sum, i -> a[i] + b[i]);
            return sum;
        });
        return new Tally(outcomes[Outcome.MATCHES.ordinal()], outcomes[Outcome.DEVIATES.ordinal()],
                outcomes[Outcome.UNDECIDED.ordinal()], runs);
    }

    // The simulation of the class and the exact computation of its specification must tell the same story: the
    // count is not evidence against the exact rate (two-sided exact binomial test, p ≥ 0.001).
    private static void assertAgreesWithExact(Tally tally, Outcome outcome, Map<String, Integer> intended,
            Map<String, Integer> actual, ShareTestSettings settings) {
        double exact = ExactTwoRegionRates.outcomes(firstShare(intended), firstShare(actual), settings)[
                outcome.ordinal()];
        assertThat(BinomialTest.withDefaults().test(tally.runs(), tally.count(outcome), exact).getPValue())
                .as("%s: %d of %d simulated, %s exactly", outcome, tally.count(outcome), tally.runs(), exact)
                .isGreaterThanOrEqualTo(0.001);
    }

    private static double firstShare(Map<String, Integer> weights) {
        return weights.values().iterator().next()
                / (double) weights.values().stream().mapToInt(Integer::intValue).sum();
    }

    // The measured rate must be at most the promised one, and the check must have teeth: with this many runs, a
    // procedure whose actual rate were 50 % above the promise would pass only with probability below 1e-6.
    private static void assertMeasuredAtMost(int errors, int runs, double promised, String what) {
        assertThat((double) errors / runs).as("%s: %d of %d", what, errors, runs).isLessThanOrEqualTo(promised);
        int allowed = (int) Math.floor(promised * runs);
        assertThat(BinomialDistribution.of(runs, 1.5 * promised).cumulativeProbability(allowed))
                .as("chance that a rate 50 %% above the promise passes with %d runs", runs).isLessThan(1e-6);
    }

    // The count must not be evidence of a rate above the promised one (one-sided exact binomial test, p ≥ 0.001),
    // and the check must have teeth: with this many runs, a procedure whose actual rate were twice the promise would
    // be caught with probability at least 0.99.
    private static void assertCompatibleWithAtMost(int errors, int runs, double promised, String what) {
        BinomialTest above = BinomialTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);
        assertThat(above.test(runs, errors, promised).getPValue())
                .as("%s: %d of %d, p-value of a rate above %s", what, errors, runs, promised)
                .isGreaterThanOrEqualTo(0.001);
        // the smallest count the test above would call too high
        int tooMany = BinomialDistribution.of(runs, promised).inverseSurvivalProbability(0.001) + 1;
        assertThat(BinomialDistribution.of(runs, 2 * promised).survivalProbability(tooMany - 1))
                .as("chance of catching a rate twice the promise with %d runs", runs).isGreaterThanOrEqualTo(0.99);
    }

    static Map<String, Double> shares(Map<String, Integer> weights) {
        Map<String, Double> shares = new LinkedHashMap<>();
        weights.forEach((region, weight) -> shares.put(region, weight.doubleValue()));
        return shares;
    }

    private static Map<String, Integer> split(Object... regionsAndWeights) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < regionsAndWeights.length; i += 2) {
            weights.put((String) regionsAndWeights[i], (Integer) regionsAndWeights[i + 1]);
        }
        return weights;
    }
}
