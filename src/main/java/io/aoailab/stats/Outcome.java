package io.aoailab.stats;

/** What a {@link SequentialShareTest} concluded about a pool's split. */
public enum Outcome {
    /** Every region's share is within δ of the intended one, as far as the error rates allow. */
    MATCHES,
    /** Some region's share is off the intended one: the evidence favours a deviation of δ. */
    DEVIATES,
    /**
     * No decision yet: still sampling before {@link ShareTestSettings#maxSamples()}, or not enough evidence within
     * it (then final; callers fail with "not enough evidence within N requests").
     */
    UNDECIDED
}
