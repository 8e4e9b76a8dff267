package io.aoailab.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a {@link SequentialShareTest} stands: everything a failure message and a report's chart need. Maps keep the
 * order of the intended weights.
 *
 * @param outcome what was decided, if anything
 * @param samples the answers seen
 * @param counts how many answers came from each region; a region that is not among the intended ones, whose answer
 *        decided DEVIATES at once, comes last
 * @param expectedShares each intended region's intended share (the weights normalised); a region in {@code counts}
 *        but not here was not intended
 * @param observedShares each region's share of the answers so far, the keys of {@code counts}; 0 before the first
 * @param decidingTest what decided: the alternative that was favoured ("share of East US ≥ 0.70"), "every share
 *        within ±0.20" for a match, "an answer from West Europe, which is not one of the intended regions", or while
 *        undecided the open test closest to a deviation
 * @param logLikelihoodRatio that test's log-likelihood ratio of the alternative to the intended share (for a match,
 *        the largest of all tests'); an answer impossible under one of them, such as one from a region meant to get
 *        nothing or from a region not intended at all, is reported as the bound it crossed, so the value is always
 *        finite
 * @param upperBound the ratio at which a test decides DEVIATES: log(m/α) for m tests
 * @param lowerBound the ratio at which a test accepts the intended share: log β
 * @param settings the error rates, tolerance and sample limit the test ran with
 */
public record Summary(Outcome outcome, int samples, Map<String, Long> counts, Map<String, Double> expectedShares,
        Map<String, Double> observedShares, String decidingTest, double logLikelihoodRatio, double upperBound,
        double lowerBound, ShareTestSettings settings) {

    /** Copies the maps, keeping their order; none may be null. */
    public Summary {
        Objects.requireNonNull(outcome, "outcome");
        counts = ordered(counts);
        expectedShares = ordered(expectedShares);
        observedShares = ordered(observedShares);
        Objects.requireNonNull(decidingTest, "decidingTest");
        Objects.requireNonNull(settings, "settings");
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * Plain English, four parts: what was decided after how many requests; each region's answers, observed and
     * intended share; the statistic that decided (or stands closest to deciding) against its bounds; the error rates
     * and what they mean. E.g. "after 80 requests every region's share is within ±0.20 of the intended one. Answers:
     * East US: 40 answers, share 0.50 (intended 0.50); East US 2: 40 answers, share 0.50 (intended 0.50). Every test
     * for a deviation of 0.20 accepted the intended share: ... Error rates: ...".
     */
    public String explanation() {
        String delta = Decimals.share(settings.delta());
        String verdict = switch (outcome) {
            case MATCHES -> "after " + requests(samples) + " every region's share is within ±" + delta
                    + " of the intended one.";
            case DEVIATES -> "after " + requests(samples) + " the split deviates from the intended one: "
                    + deviation() + ".";
            case UNDECIDED -> samples < settings.maxSamples()
                    ? "after " + samples + " of at most " + requests(settings.maxSamples())
                            + " the test is still sampling."
                    : "not enough evidence within " + requests(samples) + " to tell whether every region's share"
                            + " is within ±" + delta + " of the intended one: the test stopped there without a"
                            + " verdict.";
        };
        return verdict + " Answers: " + answers() + ". " + statistic() + " Error rates: a pool that follows its"
                + " weights is called deviating with probability at most " + Decimals.rate(settings.alpha())
                + " (false alarm), one with a region's share off by " + delta + " or more is called matching with"
                + " probability at most " + Decimals.rate(settings.beta()) + " (miss).";
    }

    // an answer the intended weights rule out says more than a ratio: a region outside them, or one meant to get
    // nothing, answered (which is also how a region meant to get everything misses one)
    private String deviation() {
        String ruledOut = ruledOut();
        return ruledOut != null ? ruledOut : "the evidence favours a " + decidingTest;
    }

    private String ruledOut() {
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            Double expected = expectedShares.get(count.getKey());
            if (count.getValue() > 0 && expected == null) {
                return count.getKey() + " answered though it is not one of the intended regions "
                        + expectedShares.keySet();
            }
            if (count.getValue() > 0 && expected == 0) {
                return count.getKey() + " answered " + count.getValue() + " though its intended share is 0";
            }
        }
        return null;
    }

    private String statistic() {
        String bounds = Decimals.ratio(upperBound) + " for a deviation, " + Decimals.ratio(lowerBound)
                + " for the intended share";
        return switch (outcome) {
            case MATCHES -> "Every test for a deviation of " + Decimals.share(settings.delta()) + " accepted the"
                    + " intended share: the highest of their log-likelihood ratios is "
                    + Decimals.ratio(logLikelihoodRatio) + " (bounds: " + bounds + ").";
            case DEVIATES -> ruledOut() != null
                    ? "An answer the intended split rules out is conclusive: its log-likelihood ratio is infinite,"
                            + " whatever the bounds (" + bounds + ")."
                    : "The log-likelihood ratio of that alternative to the intended share reached "
                            + Decimals.ratio(logLikelihoodRatio) + " (bounds: " + bounds + ").";
            case UNDECIDED -> "The open test closest to a deviation, " + decidingTest + ", stands at a"
                    + " log-likelihood ratio of " + Decimals.ratio(logLikelihoodRatio) + " (bounds: " + bounds + ").";
        };
    }

    private String answers() {
        return counts.entrySet().stream().map(count -> {
            Double expected = expectedShares.get(count.getKey());
            return count.getKey() + ": " + count.getValue() + (count.getValue() == 1 ? " answer" : " answers")
                    + ", share " + Decimals.share(observedShares.getOrDefault(count.getKey(), 0.0))
                    + (expected == null ? " (not intended)" : " (intended " + Decimals.share(expected) + ")");
        }).collect(Collectors.joining("; "));
    }

    private static String requests(int n) {
        return n + (n == 1 ? " request" : " requests");
    }
}
