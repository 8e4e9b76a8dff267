package io.aoailab.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of Wald's sequential probability ratio tests on one region's share, the observation being the Bernoulli "the
 * answer came from this region": H0 p = p0 (the intended share) against H1 p = p1 = p0 ± δ. It sums the log-likelihood
 * ratio of H1 to H0 until the sum leaves (lower, upper), then keeps that first verdict: the procedure's error bounds
 * are about first crossings, so a test that has spoken is never asked again.
 *
 * <p>p0 or p1 may be 0 or 1 (a region meant to get nothing or everything, an alternative at the edge). An answer
 * impossible under one hypothesis then makes one step infinite, and the test decides on that answer: +∞ when H0 rules
 * it out (a region meant to get nothing answered), −∞ when H1 does. Never NaN: p0 ≠ p1, so at most one of the two
 * logarithms in a step is infinite.
 */
final class ShareSprt {
    /** Which alternative the test looks for. */
    enum Direction {
        MORE("≥"), FEWER("≤");

        // a share ± δ computed in floating point may miss 1 or 0 by a rounding error: that still counts as possible
        private static final double ROUNDING = 1e-9;

        private final String symbol;

        Direction(String symbol) {
            this.symbol = symbol;
        }

        // whether p0 ± δ is a share at all, 0 and 1 included: outside [0, 1] there is nothing to test for in this
        // direction (a one-sided test), at 0 or 1 exactly there is (an 80/20 pool sending everything one way is off
        // by δ and must be caught)
        boolean canMove(double share, double delta) {
            return this == MORE ? share + delta <= 1 + ROUNDING : share - delta >= -ROUNDING;
        }
    }

    /** ACCEPTED: H0 (the share is as intended, against this alternative); REJECTED: H1 is favoured. */
    enum State {
        OPEN, ACCEPTED, REJECTED
    }

    private final String category;
    private final int index;
    private final Direction direction;
    private final double p0;
    private final double p1;
    private final double upper;
    private final double lower;
    // log(p1/p0) and log((1-p1)/(1-p0)); one is infinite when p0 or p1 is 0 or 1, never both (p0 != p1), so the
    // sum of steps is never infinity minus infinity, and the test stops at the first infinite step
    private final double hitStep;
    private final double missStep;
    private double logLikelihoodRatio;
    private State state = State.OPEN;

    private ShareSprt(String category, int index, Direction direction, double p0, double delta, double alphaEach,
            double beta) {
        this.category = category;
        this.index = index;
        this.direction = direction;
        this.p0 = p0;
        // p1 is exactly 0 or 1 when the intended share is δ or 1 - δ: the rounding of p0 ± δ must not leave a sliver
        this.p1 = Math.min(1, Math.max(0, direction == Direction.MORE ? p0 + delta : p0 - delta));
        this.upper = Math.log(1 / alphaEach);
        this.lower = Math.log(beta);
        this.hitStep = Math.log(p1) - Math.log(p0);
        this.missStep = Math.log1p(-p1) - Math.log1p(-p0);
    }

    /**
     * The tests of a split, at the procedure's false-alarm rate shared out over them (Bonferroni; see
     * {@link SequentialShareTest}): for each region a test for "δ more", when its share can rise by δ, and one for
     * "δ fewer", when it can fall by δ. With two regions one's share is one minus the other's, so one region's "fewer"
     * test is the other's "more" test, observation for observation: only the "more" tests run, and each is counted
     * once.
     *
     * @param shares the intended shares, normalised, in the order the regions are reported
     * @throws IllegalArgumentException when δ is so wide that no share can be off by δ: there is nothing to test
     */
    static List<ShareSprt> forShares(Map<String, Double> shares, ShareTestSettings settings) {
        List<Direction> looked = shares.size() == 2 ? List.of(Direction.MORE) : List.of(Direction.values());
        List<String> names = List.copyOf(shares.keySet());
        record Planned(int index, Direction direction) {
        }
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (Direction direction : looked) {
                if (direction.canMove(shares.get(names.get(i)), settings.delta())) {
                    planned.add(new Planned(i, direction));
                }
            }
        }
        if (planned.isEmpty()) {
            throw new IllegalArgumentException("delta " + settings.delta() + " is wider than any of the shares "
                    + shares + " can move: there is no deviation of delta to test for");
        }
        double alphaEach = settings.alpha() / planned.size();
        return planned.stream().map(p -> new ShareSprt(names.get(p.index()), p.index(), p.direction(),
                shares.get(names.get(p.index())), settings.delta(), alphaEach, settings.beta())).toList();
    }

    /**
     * Adds one answer: from this test's region ({@code answeredBy} is its index) or from another.
     *
     * @return the state after it
     */
    State observe(int answeredBy) {
        if (state == State.OPEN) {
            logLikelihoodRatio += answeredBy == index ? hitStep : missStep;
            if (logLikelihoodRatio >= upper) {
                state = State.REJECTED;
            } else if (logLikelihoodRatio <= lower) {
                state = State.ACCEPTED;
            }
        }
        return state;
    }

    State state() {
        return state;
    }

    /**
     * The log-likelihood ratio so far; an answer impossible under one hypothesis (a region meant to get nothing
     * answered) makes it infinite, and it is then reported as the bound it crossed, so charts and messages stay
     * finite.
     */
    double logLikelihoodRatio() {
        return Double.isInfinite(logLikelihoodRatio) ? (logLikelihoodRatio > 0 ? upper : lower) : logLikelihoodRatio;
    }

    double upper() {
        return upper;
    }

    double lower() {
        return lower;
    }

    String category() {
        return category;
    }

    double p0() {
        return p0;
    }

    double p1() {
        return p1;
    }

    /** E.g. "share of East US ≥ 0.70": the alternative this test looks for. */
    String description() {
        return "share of " + category + " " + direction.symbol + " " + Decimals.share(p1);
    }
}
