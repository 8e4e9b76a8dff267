package io.aoailab.stats;

import java.util.Arrays;

/**
 * The exact outcome probabilities of the procedure on a pool with two regions and independent draws, written
 * independently of SequentialShareTest as an oracle for it. With two regions every test's ratio is a function of the
 * request count t and the first region's count n, so the procedure's state after t answers is n plus which tests have
 * already accepted (a test that has crossed its lower bound is frozen, which depends on the path, not on n); summing
 * the probability of every state answer by answer gives P(MATCHES), P(DEVIATES) and P(UNDECIDED) up to rounding,
 * with no sampling noise.
 *
 * <p>The tests, as the class comment of SequentialShareTest specifies them: one per region for "δ more" where
 * π + δ ≤ 1 (the "δ fewer" of one region being the "δ more" of the other), each with bounds log(m/α) and log β. Only
 * intended shares with every alternative strictly inside (0, 1), so that no step is infinite.
 */
final class ExactTwoRegionRates {
    private ExactTwoRegionRates() {
    }

    /** P(MATCHES), P(DEVIATES), P(UNDECIDED), indexed by {@link Outcome#ordinal()}. */
    static double[] outcomes(double intendedFirst, double trueFirst, ShareTestSettings settings) {
        double delta = settings.delta();
        // test 0: "first ≥ π + δ", hit = an answer from the first region; test 1: "second ≥ 1 − π + δ", hit = the
        // second region; either only where its alternative is a share
        boolean[] runs = {intendedFirst + delta <= 1, 1 - intendedFirst + delta <= 1};
        double[] p0 = {intendedFirst, 1 - intendedFirst};
        double[] hit = new double[2];
        double[] miss = new double[2];
        int m = 0;
        for (int j = 0; j < 2; j++) {
            if (runs[j]) {
                double p1 = p0[j] + delta;
                if (!(p0[j] > 0 && p1 < 1)) {
                    throw new IllegalArgumentException("only alternatives strictly inside (0, 1)");
                }
                hit[j] = Math.log(p1 / p0[j]);
                miss[j] = Math.log((1 - p1) / (1 - p0[j]));
                m++;
            }
        }
        double upper = Math.log(m / settings.alpha());
        double lower = Math.log(settings.beta());
        int maxSamples = settings.maxSamples();
        // state: n (answers from the first region) and two bits, test j has accepted; tests that do not run count
        // as accepted
        int initialFlags = (runs[0] ? 0 : 1) | (runs[1] ? 0 : 2);
        // current[4n + flags], for n up to t; two buffers, swapped answer by answer
        double[] current = new double[4 * (maxSamples + 1)];
        double[] next = new double[4 * (maxSamples + 1)];
        current[initialFlags] = 1;
        double matches = 0;
        double deviates = 0;
        for (int t = 1; t <= maxSamples; t++) {
            Arrays.fill(next, 0, 4 * (t + 1), 0);
            double alive = 0;
            for (int n = 0; n < t; n++) {
                for (int flags = 0; flags < 4; flags++) {
                    double probability = current[4 * n + flags];
                    if (probability == 0) {
                        continue;
                    }
                    for (int first = 0; first <= 1; first++) {
                        double step = probability * (first == 1 ? trueFirst : 1 - trueFirst);
                        if (step == 0) {
                            continue;
                        }
                        int count = n + first;
                        // the ratio after t answers, count of them from the first region: computed from the counts,
                        // as the sum of steps would be up to rounding
                        double[] ratio = {count * hit[0] + (t - count) * miss[0],
                            (t - count) * hit[1] + count * miss[1]};
                        boolean rejected = false;
                        int after = flags;
                        for (int j = 0; j < 2; j++) {
                            if ((flags & (1 << j)) == 0) {
                                if (ratio[j] >= upper) {
                                    rejected = true;
                                } else if (ratio[j] <= lower) {
                                    after |= 1 << j;
                                }
                            }
                        }
                        if (rejected) {
                            deviates += step;
                        } else if (after == 3) {
                            matches += step;
                        } else {
                            next[4 * count + after] += step;
                            alive += step;
                        }
                    }
                }
            }
            double[] swap = current;
            current = next;
            next = swap;
            if (alive < 1e-16) {
                break;
            }
        }
        double undecided = Arrays.stream(current).sum();
        double[] outcomes = new double[Outcome.values().length];
        outcomes[Outcome.MATCHES.ordinal()] = matches;
        outcomes[Outcome.DEVIATES.ordinal()] = deviates;
        outcomes[Outcome.UNDECIDED.ordinal()] = undecided;
        return outcomes;
    }
}
