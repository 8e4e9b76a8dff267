package io.aoailab.stats;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Wald's approximations, to set beside what simulations measure ({@code io.aoailab.bench.StatsBenchmark}): how often
 * a {@link SequentialShareTest} matches and how many requests it takes on average, for one of its tests and for the
 * whole procedure, at a given true split. Approximations: they neglect how far the ratio overshoots a bound and the
 * {@code maxSamples} cut-off, and they assume independent draws (A. Wald, "Sequential Tests of Statistical
 * Hypotheses", Ann. Math. Statist. 16(2):117–186, 1945).
 *
 * <p>One test of H0 p = p<sub>0</sub> against H1 p = p<sub>1</sub> with bounds a = log(1/α), b = log β steps by
 * z = l<sub>1</sub> = log(p<sub>1</sub>/p<sub>0</sub>) with probability p and z = l<sub>0</sub> =
 * log((1 − p<sub>1</sub>)/(1 − p<sub>0</sub>)) otherwise. With h ≠ 0 the root of
 * E[e<sup>hz</sup>] = p(p<sub>1</sub>/p<sub>0</sub>)<sup>h</sup> + (1 − p)((1 − p<sub>1</sub>)/(1 − p<sub>0</sub>))<sup>h</sup>
 * = 1, the operating characteristic (the probability of accepting H0) is L = (e<sup>ha</sup> − 1)/(e<sup>ha</sup> −
 * e<sup>hb</sup>), and the average sample number is (L·b + (1 − L)·a)/E[z]; where E[z] = 0 (h = 0, the middle of the
 * indifference zone) it is −a·b/E[z<sup>2</sup>].
 *
 * <p>The whole procedure is approximated through its binding test: while some test drifts up (E[z] &gt; 0) the
 * procedure ends when the fastest of those crosses, so its average is the smallest of theirs; while none does, it
 * ends when the slowest test ends, so its average is the largest (which underestimates a maximum of random times,
 * most where several tests are equally slow, as on a correct 50/50 pool). It matches when every test accepts, taken
 * as the product of their operating characteristics (as if the tests were independent; they read the same answers).
 */
public final class WaldTheory {
    // below this |h|·max(a, -b), L and the average are taken at their limit h -> 0, where the exact forms cancel
    private static final double NEAR_ZERO = 1e-6;

    private WaldTheory() {
    }

    /**
     * Wald's h(p): the non-zero root of E[e<sup>hz</sup>] = 1; 0 where E[z] = 0, and ±∞ where the steps are certain
     * (p is 0 or 1), which the other methods take as their limits.
     *
     * @param p the true share, between 0 and 1
     */
    public static double exponent(double p0, double p1, double p) {
        Steps steps = new Steps(p0, p1, p);
        double drift = steps.drift();
        if (drift == 0) {
            return 0;
        }
        double sign = drift < 0 ? 1 : -1; // the root lies on the side where E[e^hz] first falls below 1
        if (!(steps.moment(sign * Double.MAX_VALUE) > 0)) {
            return sign * Double.POSITIVE_INFINITY; // only the step towards one bound can happen
        }
        double below = 0;
        double above = 1;
        while (steps.moment(sign * above) <= 0) {
            below = above;
            above *= 2;
        }
        for (int i = 0; i < 200 && above - below > 1e-15 * above; i++) {
            double middle = (below + above) / 2;
            if (steps.moment(sign * middle) <= 0) {
                below = middle;
            } else {
                above = middle;
            }
        }
        return sign * (below + above) / 2;
    }

    /**
     * Wald's operating characteristic: the probability that the test of p<sub>0</sub> against p<sub>1</sub>, at
     * rates α and β, accepts p<sub>0</sub> when the true share is p.
     */
    public static double operatingCharacteristic(double p0, double p1, double alpha, double beta, double p) {
        double a = Math.log(1 / alpha);
        double b = Math.log(beta);
        double h = exponent(p0, p1, p);
        if (Math.abs(h) * Math.max(a, -b) < NEAR_ZERO) {
            return a / (a - b);
        }
        // (e^ha - 1)/(e^ha - e^hb), rewritten so that every exponential falls (no overflow for large |h|)
        return h > 0 ? Math.expm1(-h * a) / Math.expm1(h * (b - a))
                : -Math.expm1(-h * b) / Math.expm1(h * (a - b)) + 1;
    }

    /**
     * Wald's average sample number of the test of p<sub>0</sub> against p<sub>1</sub>, at rates α and β, when the
     * true share is p.
     */
    public static double averageSampleNumber(double p0, double p1, double alpha, double beta, double p) {
        double a = Math.log(1 / alpha);
        double b = Math.log(beta);
        Steps steps = new Steps(p0, p1, p);
        if (Math.abs(exponent(p0, p1, p)) * Math.max(a, -b) < NEAR_ZERO) {
            return -a * b / steps.secondMoment();
        }
        double accepts = operatingCharacteristic(p0, p1, alpha, beta, p);
        return (accepts * b + (1 - accepts) * a) / steps.drift();
    }

    /**
     * The whole procedure's average number of requests to a decision, through its binding test (see above).
     *
     * @param trueShares region → the share it really gets; regions left out get none
     * @throws IllegalArgumentException when a test's p<sub>1</sub> is 0 or 1 (an intended share of δ or 1 − δ, or of
     *         0 or 1): a single answer can then decide, which Wald's approximations, all overshoot-free, cannot
     *         describe
     */
    public static double averageSampleNumber(Map<String, Double> intendedWeights, ShareTestSettings settings,
            Map<String, Double> trueShares) {
        List<Approximated> tests = approximated(intendedWeights, settings, trueShares);
        return tests.stream().anyMatch(t -> t.drift() > 0)
                ? tests.stream().filter(t -> t.drift() > 0).mapToDouble(Approximated::average).min().orElseThrow()
                : tests.stream().mapToDouble(Approximated::average).max().orElseThrow();
    }

    /**
     * The probability that the whole procedure says MATCHES: the product of its tests' operating characteristics.
     *
     * @see #averageSampleNumber(Map, ShareTestSettings, Map)
     */
    public static double probabilityOfMatching(Map<String, Double> intendedWeights, ShareTestSettings settings,
            Map<String, Double> trueShares) {
        return approximated(intendedWeights, settings, trueShares).stream()
                .mapToDouble(Approximated::accepts).reduce(1, (x, y) -> x * y);
    }

    private record Approximated(double drift, double average, double accepts) {
    }

    private static List<Approximated> approximated(Map<String, Double> intendedWeights, ShareTestSettings settings,
            Map<String, Double> trueShares) {
        Objects.requireNonNull(trueShares, "trueShares");
        List<ShareSprt> tests = ShareSprt.forShares(SequentialShareTest.normalised(intendedWeights), settings);
        double alphaEach = settings.alpha() / tests.size();
        return tests.stream().map(test -> {
            if (test.p0() <= 0 || test.p0() >= 1 || test.p1() <= 0 || test.p1() >= 1) {
                throw new IllegalArgumentException("the test of " + test.description() + " can decide on one answer:"
                        + " Wald's approximations do not describe it");
            }
            double p = trueShares.getOrDefault(test.category(), 0.0);
            return new Approximated(new Steps(test.p0(), test.p1(), p).drift(),
                    averageSampleNumber(test.p0(), test.p1(), alphaEach, settings.beta(), p),
                    operatingCharacteristic(test.p0(), test.p1(), alphaEach, settings.beta(), p));
        }).toList();
    }

    /** The two steps of one test's ratio and their probabilities at the true share p. */
    private record Steps(double p0, double p1, double p) {
        Steps {
            if (!(p0 > 0 && p0 < 1 && p1 > 0 && p1 < 1 && p0 != p1)) {
                throw new IllegalArgumentException("Wald's approximations need 0 < p0 ≠ p1 < 1, got p0 = " + p0
                        + ", p1 = " + p1);
            }
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("the true share must be between 0 and 1, got " + p);
            }
        }

        double hit() {
            return Math.log(p1 / p0);
        }

        double miss() {
            return Math.log((1 - p1) / (1 - p0));
        }

        double drift() {
            return p * hit() + (1 - p) * miss();
        }

        double secondMoment() {
            return p * hit() * hit() + (1 - p) * miss() * miss();
        }

        /** E[e^hz] - 1, accurate near h = 0 where the root finding starts. */
        double moment(double h) {
            return (p > 0 ? p * Math.expm1(h * hit()) : 0) + (p < 1 ? (1 - p) * Math.expm1(h * miss()) : 0);
        }
    }
}
