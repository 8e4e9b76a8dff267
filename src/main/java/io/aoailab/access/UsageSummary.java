package io.aoailab.access;

/**
 * The calls made and the tokens they consumed, summed: one access path's share of a test, a whole test, or a run.
 *
 * @param calls every call, whether or not it reported usage
 * @param tokens the usage the calls reported (a stream's once it ended)
 */
public record UsageSummary(long calls, TokenUsage tokens) {
    public static final UsageSummary NONE = new UsageSummary(0, TokenUsage.ZERO);

    public UsageSummary plus(UsageSummary other) {
        return new UsageSummary(calls + other.calls, tokens.plus(other.tokens));
    }

    // a stream still being read has not said what it consumed: it counts when it ends
    static UsageSummary of(CallRecord call) {
        boolean settled = call.stream().map(StreamTrace::ended).orElse(true);
        return new UsageSummary(1, settled ? call.usage().orElse(TokenUsage.ZERO) : TokenUsage.ZERO);
    }
}
