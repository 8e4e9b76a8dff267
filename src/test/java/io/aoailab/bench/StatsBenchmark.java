package io.aoailab.bench;

import io.aoailab.stats.Outcome;
import io.aoailab.stats.SequentialShareTest;
import io.aoailab.stats.ShareTestSettings;
import io.aoailab.stats.WaldTheory;
import io.aoailab.testing.SimulatedPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * A measuring harness for the load-balancing statistics (not a test: numbers, no verdicts). Run it with
 * {@code mvn -q test-compile exec:exec@stats-bench}. With the default settings and an intended 50/50 split, it measures
 * {@link SequentialShareTest} on pools that really split 50/50, 60/40, 70/30 and 100/0, drawing at random or by smooth
 * weighted round-robin: how often it says each outcome, how many requests a measurement takes, and Wald's
 * approximations ({@link WaldTheory}) beside them. Prints a markdown table and writes it to the file named by the
 * first argument ({@code target/stats-bench.md} by default).
 */
public final class StatsBenchmark {
    private static final int RANDOM_RUNS = 10_000;
    private static final long SEED = 20_251_130L;
    private static final List<int[]> TRUE_SPLITS = List.of(new int[] {50, 50}, new int[] {60, 40},
            new int[] {70, 30}, new int[] {100, 0});
    private static final Map<String, Double> INTENDED = shares(50, 50);

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args.length > 0 ? args[0] : "target/stats-bench.md");
        ShareTestSettings settings = ShareTestSettings.DEFAULTS;
        long started = System.nanoTime();
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Sequential share test, intended 50/50; alpha = %s, beta = %s, "
                + "delta = %s, maxSamples = %d; seed %d.%n", settings.alpha(), settings.beta(), settings.delta(),
                settings.maxSamples(), SEED));
        table.append(String.format(Locale.ROOT, "Random: %,d independent measurements per split. Round-robin: "
                + "smooth weighted round-robin (nginx's), one measurement from every point of its cycle (100).%n",
                RANDOM_RUNS));
        table.append("Requests per measurement count an UNDECIDED one at maxSamples. Wald's columns are his"
                + " approximations for independent draws, without overshoot or maxSamples.\n\n");
        table.append("| true split | pool | runs | MATCHES | DEVIATES | UNDECIDED | requests mean | p95 | max"
                + " | Wald ASN | Wald P(MATCHES) |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder intervals = new StringBuilder();
        for (int[] trueSplit : TRUE_SPLITS) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            shares(trueSplit[0], trueSplit[1]).forEach((region, weight) -> weights.put(region, weight.intValue()));
            Map<String, Double> trueShares = shares(trueSplit[0] / 100.0, trueSplit[1] / 100.0);
            String asn = String.format(Locale.ROOT, "%.1f",
                    WaldTheory.averageSampleNumber(INTENDED, settings, trueShares));
            String matching = String.format(Locale.ROOT, "%.4f",
                    WaldTheory.probabilityOfMatching(INTENDED, settings, trueShares));

            SplittableRandom random = new SplittableRandom(SEED);
            Row randomRow = measure(settings, RANDOM_RUNS, run -> SimulatedPool.weightedRandom(weights, random));
            // deterministic once started: every starting point once is the exact distribution for a random start
            int cycle = trueSplit[0] + trueSplit[1];
            Row roundRobinRow = measure(settings, cycle, phase -> SimulatedPool.smoothRoundRobin(weights, phase));

            String name = trueSplit[0] + "/" + trueSplit[1];
            table.append(randomRow.markdown(name, "random", asn, matching));
            table.append(roundRobinRow.markdown(name, "round-robin", asn, matching));
            // the wrong verdict: DEVIATES on the intended split, MATCHES on one off by delta or more
            if (trueSplit[0] == 50 || trueSplit[0] >= 70) {
                Outcome wrong = trueSplit[0] == 50 ? Outcome.DEVIATES : Outcome.MATCHES;
                intervals.append(String.format(Locale.ROOT, "%n- %s, random: %s %d of %,d, %s", name,
                        wrong == Outcome.DEVIATES ? "false alarms" : "misses", randomRow.count(wrong), RANDOM_RUNS,
                        clopperPearson(randomRow.count(wrong), RANDOM_RUNS)));
            }
        }
        table.append("\nError rates of the random draws, with exact 95 % (Clopper-Pearson) intervals: 10,000"
                + " measurements cannot tell 0.0009 from 0.0011.").append(intervals).append('\n');
        table.append(String.format(Locale.ROOT, "%nTook %.1f s.%n", (System.nanoTime() - started) / 1e9));

        String text = table.toString();
        System.out.print(text);
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, text, StandardCharsets.UTF_8);
        System.out.println("Written to " + output);
    }

    @FunctionalInterface
    private interface Pools {
        SimulatedPool pool(int run);
    }

    private static Row measure(ShareTestSettings settings, int runs, Pools pools) {
        int[] outcomes = new int[Outcome.values().length];
        int[] requests = new int[runs];
        for (int run = 0; run < runs; run++) {
            SimulatedPool pool = pools.pool(run);
            SequentialShareTest test = new SequentialShareTest(INTENDED, settings);
            int n = 0;
            while (!test.decided()) {
                test.add(pool.next());
                n++;
            }
            outcomes[test.outcome().ordinal()]++;
            requests[run] = n;
        }
        Arrays.sort(requests);
        return new Row(runs, outcomes, requests);
    }

    private record Row(int runs, int[] outcomes, int[] sortedRequests) {
        String markdown(String split, String pool, String asn, String matching) {
            double mean = Arrays.stream(sortedRequests).average().orElseThrow();
            // nearest rank: the smallest count at or above which 5 % of the measurements lie
            int p95 = sortedRequests[(int) Math.ceil(0.95 * runs) - 1];
            return String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %.1f | %d | %d | %s | %s |%n", split,
                    pool, runs, rate(Outcome.MATCHES), rate(Outcome.DEVIATES), rate(Outcome.UNDECIDED), mean, p95,
                    sortedRequests[runs - 1], asn, matching);
        }

        int count(Outcome outcome) {
            return outcomes[outcome.ordinal()];
        }

        private String rate(Outcome outcome) {
            return String.format(Locale.ROOT, "%.4f", (double) outcomes[outcome.ordinal()] / runs);
        }
    }

    // the exact binomial interval: the shares p for which k of n is not in either 2.5 % tail
    private static String clopperPearson(int k, int n) {
        double lower = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1.0).inverseCumulativeProbability(0.025);
        double upper = k == n ? 1 : BetaDistribution.of(k + 1.0, n - k).inverseCumulativeProbability(0.975);
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", (double) k / n, lower, upper);
    }

    private static Map<String, Double> shares(double east, double east2) {
        Map<String, Double> split = new LinkedHashMap<>();
        split.put("East US", east);
        split.put("East US 2", east2);
        return split;
    }
}
