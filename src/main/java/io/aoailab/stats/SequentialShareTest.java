package io.aoailab.stats;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a load-balanced pool spreads requests as its intended weights say, decided as soon as the evidence suffices,
 * in both directions: fed the region that answered each request, it says {@link Outcome#MATCHES} (every region's
 * share is within δ of the intended one) or {@link Outcome#DEVIATES} (some region's share is off by δ), calling a
 * correct pool deviating with probability at most α and a pool off by δ matching with probability at most β. Without
 * a decision within {@code maxSamples} requests it stays {@link Outcome#UNDECIDED}. Not thread-safe: one per
 * measurement, fed in arrival order.
 *
 * <pre>{@code
 * var test = new SequentialShareTest(weights, ShareTestSettings.DEFAULTS); // e.g. {East US=50, East US 2=50}
 * while (!test.decided()) {
 *     test.add(regionThatAnswered(pool.call()));
 * }
 * test.summary().explanation();
 * // after 80 requests every region's share is within ±0.20 of the intended one. Answers: East US: 40 answers,
 * // share 0.50 (intended 0.50); ...
 * }</pre>
 *
 * <p><b>Why Wald's test, region by region, and not one anytime-valid multinomial test.</b> The closest published tool
 * for this check (a "sample ratio mismatch" in A/B testing) is Lindon and Malek's sequential multinomial test
 * (M. Lindon, A. Malek, "Anytime-Valid Inference for Multinomial Count Data", NeurIPS 2022, arXiv:2011.03567): a
 * Dirichlet-multinomial Bayes factor that may be looked at after every request, for all regions at once, without
 * losing its false-alarm rate. It tests the point hypothesis "the shares are exactly the intended ones" and can only
 * reject it: a correct pool is never confirmed, only not rejected yet, so a measurement would need a fixed horizon
 * and would state no miss rate; and because APIM balances only approximately, any pool that strays at all is
 * rejected once there are enough requests. This check needs two verdicts, each with a stated error rate, around a
 * tolerance: Wald's formulation, H0 p = π against H1 p = π ± δ with the shares in between left to either verdict
 * (A. Wald, "Sequential Tests of Statistical Hypotheses", Ann. Math. Statist. 16(2):117–186, 1945). For one
 * proportion, no test with the same error rates needs fewer requests on average, at π or at π ± δ (A. Wald,
 * J. Wolfowitz, "Optimum Character of the Sequential Probability Ratio Test", Ann. Math. Statist. 19(3):326–339,
 * 1948). Wald's test is for one proportion, so each region gets a test per direction, run side by side as Sobel and
 * Wald run a "higher" and a "lower" test for a three-way decision (M. Sobel, A. Wald, Ann. Math. Statist.
 * 20(4):502–522, 1949), with α shared out by Bonferroni: valid whatever the tests' dependence, and it costs only
 * log m on the upper bound (log 2 ≈ 0.69 of 7.60 for two regions).
 *
 * <p><b>The tests.</b> On a correct pool, "the answer came from region i" is a Bernoulli with p = π<sub>i</sub>, the
 * intended share. For each region, Wald's sequential probability ratio test weighs H0 p = π<sub>i</sub> against
 * H1 p = π<sub>i</sub> + δ where that share exists, and a second one against p = π<sub>i</sub> − δ where that one
 * does: it adds log(p<sub>1</sub>/p<sub>0</sub>) for an answer from the region and
 * log((1 − p<sub>1</sub>)/(1 − p<sub>0</sub>)) for any other, and stops at its first crossing of log(m/α)
 * (H1) or of log β (H0). The procedure says DEVIATES as soon as one test crosses upwards, MATCHES once every test
 * has crossed downwards. With two regions one's share is one minus the other's, so one region's "fewer" test is the
 * other's "more" test, answer for answer: it runs, and counts, once.
 *
 * <p><b>Shares at the edges</b> (δ = 0.20 in the examples).
 * <ul>
 * <li>An alternative outside [0, 1] does not exist, so that direction is not tested: 90/10 runs the one-sided test
 * "the 10 % region ≥ 0.30" only. An alternative exactly at 0 or 1 does exist and is kept: an 80/20 pool that sends
 * everything to the first region is off by δ and must be caught. Its test accepts the intended share at the first
 * answer from elsewhere, which the alternative rules out.
 * <li>A region meant to get nothing (weight 0) is tested for "≥ δ" only. An answer from it is impossible under the
 * intended split: infinite evidence, DEVIATES on that answer, whatever α. Its silence accepts once
 * (1 − δ)<sup>n</sup> ≤ β (31 answers at the defaults).
 * <li>A region meant to get everything is tested for "≤ 1 − δ" only: one answer from elsewhere is infinite evidence,
 * DEVIATES.
 * <li>A region that is not among the intended ones answering is impossible under the intended split too: DEVIATES on
 * that answer. It needs no test and no part of α: a pool that follows its weights never produces it, so it cannot
 * cause a false alarm. The summary counts it (after the intended regions) but gives it no expected share.
 * </ul>
 *
 * <p><b>The error rates.</b> For any bounds B &lt; 1 &lt; A, and for a test cut short at {@code maxSamples}, the
 * actual rates α', β' satisfy α' ≤ (1 − β')/A and β' ≤ B(1 − α'): on every path that stops at A the likelihood under
 * H1 is at least A times that under H0, and at B at most B times (Wald 1945). Wald's usual A = (1 − β)/α,
 * B = β/(1 − α) give α' ≤ α/(1 − β), β' ≤ β/(1 − α), slightly above the nominal rates; A = 1/α, B = β, used here,
 * give α' ≤ α and β' ≤ β outright for a bound only log(1/(1 − β)) ≈ β wider.
 * <ul>
 * <li>A false alarm is <em>any</em> of the m tests crossing upwards on a correct pool. By the union bound
 * (Bonferroni), which needs no independence (the tests read the same answers), the procedure's rate is at most the sum
 * of the tests' rates, so each test gets α/m.
 * <li>A miss at a pool whose share of region i is π<sub>i</sub> ± δ is a MATCHES, which needs <em>that</em> test
 * (region i, that direction) to cross downwards: one event, whose probability under its own H1 is at most β. No
 * division: a miss needs one particular test to fail, not any of several. A larger deviation is caught at least as
 * surely (draw both pools from the same random numbers: the farther one's ratio is never below the other's, so a
 * path on which it accepts is one on which the pool at π ± δ accepts too); a smaller one is Wald's indifference
 * zone, where either verdict may come.
 * </ul>
 * The bounds are not loose: a bound is overshot by a fraction of one step, so at the defaults a correct 50/50 pool is
 * called deviating with probability 0.000864 = 0.86 α, and a 70/30 one matching with 0.000810 = 0.81 β (computed
 * exactly, and measured by simulation, in SequentialShareTestErrorRatesTest; {@code io.aoailab.bench.StatsBenchmark}
 * measures rates and request counts).
 *
 * <p><b>Random draws or round-robin.</b> The bounds above are for independent draws, the worst case for a count:
 * after t answers a region's count strays from πt by about √(tπ(1 − π)), and further as t grows. A smooth weighted
 * round-robin (nginx's {@code ngx_http_upstream_round_robin.c}; Microsoft does not say which APIM uses,
 * docs/apim-gateway.md §1.2) keeps each count within about one request of πt whatever t. After t answers, n of them
 * from the region, the ratio is t·(p<sub>0</sub>·l<sub>1</sub> + (1 − p<sub>0</sub>)·l<sub>0</sub>) +
 * (n − p<sub>0</sub>t)·(l<sub>1</sub> − l<sub>0</sub>), with l<sub>1</sub>, l<sub>0</sub> the two steps: on a correct
 * pool a straight line falling at KL(p<sub>0</sub>‖p<sub>1</sub>) per answer plus a bounded wobble, rising at
 * KL(p<sub>1</sub>‖p<sub>0</sub>) on a pool at p<sub>1</sub>. It reaches the wrong bound only if the wobble alone
 * spans it: for the defaults, at most about |l<sub>1</sub> − l<sub>0</sub>| = log(7/3) ≈ 0.85 against bounds
 * 6.9 and 7.6 away. Several gateway instances round-robining unsynchronised add up their bounded wobbles. So
 * round-robin decides at least as reliably as random draws (in fact never wrongly here), which
 * SequentialShareTestErrorRatesTest shows by simulation. The other side of a noiseless count: inside the indifference
 * zone the line may be almost flat (60/40 against an intended 50/50 falls by 0.002 per answer), so a round-robin pool
 * there can reach {@code maxSamples} UNDECIDED where random draws would have wandered to one verdict or the other
 * (at the defaults it does, from every point of its cycle; the benchmark shows it).
 *
 * <p><b>δ is the tolerance for an approximate balancer.</b> Microsoft calls APIM's load balancing approximate: each
 * gateway instance balances on its own information and instances do not synchronise ("Backends in API Management",
 * learn.microsoft.com/azure/api-management/backends; docs/apim-gateway.md §1.2). A pool that strays by less than δ
 * passes or fails as the evidence falls; one that strays by δ or more is caught with probability at least 1 − β.
 */
public final class SequentialShareTest {
    private final Map<String, Double> expectedShares;
    // a HashMap: looked up once per answer; the order of regions is expectedShares'
    private final Map<String, Integer> indexes = new HashMap<>();
    private final ShareTestSettings settings;
    private final ShareSprt[] tests;
    private final long[] counts;
    private int samples;
    private Outcome outcome = Outcome.UNDECIDED;
    // the region outside the intended weights whose answer decided DEVIATES, if one did
    private String unintended;

    /**
     * @param intendedWeights region → intended weight, normalised here to shares: at least two regions; a weight may
     *        be 0 (the region must get nothing), not all may; the order is the order of every map this test reports
     * @throws IllegalArgumentException naming what is wrong with the weights, or when δ is so wide that no share can
     *         be off by δ
     */
    public SequentialShareTest(Map<String, Double> intendedWeights, ShareTestSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.expectedShares = normalised(intendedWeights);
        expectedShares.keySet().forEach(region -> indexes.put(region, indexes.size()));
        this.tests = ShareSprt.forShares(expectedShares, settings).toArray(ShareSprt[]::new);
        this.counts = new long[expectedShares.size()];
    }

    /** The weights as shares, in their order; validated as the constructor documents. */
    static Map<String, Double> normalised(Map<String, Double> weights) {
        Objects.requireNonNull(weights, "intendedWeights");
        if (weights.size() < 2) {
            throw new IllegalArgumentException("a split needs at least two regions, got " + weights);
        }
        double total = 0;
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            if (weight.getKey() == null) {
                throw new IllegalArgumentException("a region without a name in " + weights);
            }
            Double value = weight.getValue();
            if (value == null || !(value >= 0) || value.isInfinite()) {
                throw new IllegalArgumentException("the weight of " + weight.getKey()
                        + " must be a finite number ≥ 0, got " + value);
            }
            total += value;
        }
        if (!(total > 0 && Double.isFinite(total))) {
            throw new IllegalArgumentException("the weights must add up to a finite number above 0, got " + weights);
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            shares.put(weight.getKey(), weight.getValue() / total);
        }
        return Collections.unmodifiableMap(shares);
    }

    /**
     * Adds the region that answered the next request. A region that is not among the intended ones decides
     * {@link Outcome#DEVIATES} at once (see the class comment).
     *
     * @param category the region that answered, as named in the intended weights
     * @return the outcome after it
     * @throws NullPointerException when {@code category} is null: an answer without a region is no evidence either way,
     *         and the caller must say what it means
     * @throws IllegalStateException when the test is over ({@link #decided()})
     */
    public Outcome add(String category) {
        Objects.requireNonNull(category, "category");
        if (decided()) {
            throw new IllegalStateException("the test is over after " + samples + " requests (" + outcome
                    + "): one test per measurement");
        }
        samples++;
        Integer index = indexes.get(category);
        if (index == null) {
            unintended = category;
            outcome = Outcome.DEVIATES;
            return outcome;
        }
        counts[index]++;
        // every test sees every answer (a test that has spoken ignores it), so that on a tie the first to cross is
        // the one reported
        boolean rejected = false;
        boolean allAccepted = true;
        for (ShareSprt test : tests) {
            ShareSprt.State state = test.observe(index);
            rejected |= state == ShareSprt.State.REJECTED;
            allAccepted &= state == ShareSprt.State.ACCEPTED;
        }
        if (rejected) {
            outcome = Outcome.DEVIATES;
        } else if (allAccepted) {
            outcome = Outcome.MATCHES;
        }
        return outcome;
    }

    /** MATCHES or DEVIATES once decided; UNDECIDED while sampling, and for good after {@code maxSamples}. */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * Whether the test is over, so that {@code while (!test.decided())} samples no more than it may: a decision, or
     * {@code maxSamples} answers without one ({@link #outcome()} is then UNDECIDED).
     */
    public boolean decided() {
        return outcome != Outcome.UNDECIDED || samples >= settings.maxSamples();
    }

    /** Where the test stands: after a decision, what decided it; before, what it has seen. */
    public Summary summary() {
        Map<String, Long> counted = new LinkedHashMap<>();
        Map<String, Double> observed = new LinkedHashMap<>();
        expectedShares.keySet().forEach(region -> {
            int index = indexes.get(region);
            counted.put(region, counts[index]);
            observed.put(region, samples == 0 ? 0 : (double) counts[index] / samples);
        });
        double upper = tests[0].upper(); // every test has the same bounds
        double lower = tests[0].lower();
        if (unintended != null) {
            counted.put(unintended, 1L);
            observed.put(unintended, 1.0 / samples);
            return new Summary(outcome, samples, counted, expectedShares, observed,
                    "an answer from " + unintended + ", which is not one of the intended regions", upper, upper,
                    lower, settings);
        }
        ShareSprt shown = shown();
        String decidingTest = outcome == Outcome.MATCHES
                ? "every share within ±" + Decimals.share(settings.delta()) : shown.description();
        return new Summary(outcome, samples, counted, expectedShares, observed, decidingTest,
                shown.logLikelihoodRatio(), upper, lower, settings);
    }

    // DEVIATES: the test that crossed upwards (the first in the regions' order, should two cross on one answer);
    // MATCHES: the one that came closest to a deviation; UNDECIDED: the open one closest to a deviation
    private ShareSprt shown() {
        ShareSprt shown = null;
        for (ShareSprt test : tests) {
            boolean candidate = switch (outcome) {
                case DEVIATES -> test.state() == ShareSprt.State.REJECTED;
                case MATCHES -> true;
                case UNDECIDED -> test.state() == ShareSprt.State.OPEN;
            };
            if (candidate && outcome == Outcome.DEVIATES) {
                return test;
            }
            if (candidate && (shown == null || test.logLikelihoodRatio() > shown.logLikelihoodRatio())) {
                shown = test;
            }
        }
        return Objects.requireNonNull(shown, "a test to show");
    }
}
