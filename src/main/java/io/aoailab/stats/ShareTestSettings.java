package io.aoailab.stats;

import java.util.Locale;

/**
 * What a {@link SequentialShareTest} promises and how long it may take.
 *
 * @param alpha the false-alarm rate: the highest probability that a pool which follows its intended weights is
 *        called {@link Outcome#DEVIATES}; 0 &lt; α &lt; 0.5
 * @param beta the miss rate: the highest probability that a pool whose share of some region is off by {@code delta}
 *        or more is called {@link Outcome#MATCHES}; 0 &lt; β &lt; 0.5
 * @param delta the tolerance, as an absolute share: a deviation of δ or more must be caught, a smaller one may pass.
 *        APIM balances only approximately (its gateway instances do not synchronise), so δ is what a correct pool is
 *        allowed to stray; 0 &lt; δ &lt; 1
 * @param maxSamples the most requests a measurement may take; without a decision by then the outcome is
 *        {@link Outcome#UNDECIDED}; at least 1
 */
public record ShareTestSettings(double alpha, double beta, double delta, int maxSamples) {

    /**
     * One wrong verdict in a thousand either way, a tolerance of 20 points of share; a correct 50/50 pool is
     * confirmed after about a hundred requests, a 70/30 one caught after about a hundred (measured by
     * {@code io.aoailab.bench.StatsBenchmark}: {@code mvn -q test-compile exec:exec@stats-bench}).
     */
    public static final ShareTestSettings DEFAULTS = new ShareTestSettings(0.001, 0.001, 0.20, 2000);

    public ShareTestSettings {
        // written so that NaN fails too
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException(invalid("alpha", alpha, "between 0 and 0.5, both excluded"));
        }
        if (!(beta > 0 && beta < 0.5)) {
            throw new IllegalArgumentException(invalid("beta", beta, "between 0 and 0.5, both excluded"));
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException(invalid("delta", delta, "between 0 and 1, both excluded"));
        }
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples must be at least 1, got " + maxSamples);
        }
    }

    private static String invalid(String name, double value, String range) {
        return String.format(Locale.ROOT, "%s must be %s, got %s", name, range, value);
    }
}
