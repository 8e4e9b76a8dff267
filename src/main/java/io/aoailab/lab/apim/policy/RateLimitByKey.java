package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.time.Duration;

/**
 * {@code rate-limit-by-key} (docs/apim-gateway.md §2.10): at most {@code calls} per sliding {@code renewal-period} seconds
 * (at most 300) per {@code counter-key}. Over the limit the error {@code RateLimitExceeded} goes to on-error with
 * APIM's own answer as {@code context.Response}: 429, {@code Retry-After} (or {@code retry-after-header-name}) and
 * {@code { "statusCode": 429, "message": "Rate limit is exceeded. Try again in N seconds." }} (§2.10 [S31]).
 * With {@code increment-condition} the call is counted at the end of the request, when the condition can see the
 * response; without it, when it is admitted.
 */
final class RateLimitByKey extends Step {
    private final Value calls;
    private final Value renewal;
    private final Value counterKey;
    private final Value incrementCondition;
    private final Value incrementCount;
    private final Names names;

    /** The optional header and variable names. */
    record Names(String retryAfterHeader, String retryAfterVariable, String remainingHeader,
            String remainingVariable, String totalHeader) {
    }

    private RateLimitByKey(Origin origin, Value calls, Value renewal, Value counterKey, Value incrementCondition,
            Value incrementCount, Names names) {
        super(origin);
        this.calls = calls;
        this.renewal = renewal;
        this.counterKey = counterKey;
        this.incrementCondition = incrementCondition;
        this.incrementCount = incrementCount;
        this.names = names;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs a = new Attrs(element, loader, "calls", "renewal-period", "counter-key", "increment-condition",
                "increment-count", "retry-after-header-name", "retry-after-variable-name",
                "remaining-calls-header-name", "remaining-calls-variable-name", "total-calls-header-name");
        a.noChildren();
        String retryHeader = a.literal("retry-after-header-name", false);
        return new RateLimitByKey(origin, a.integer("calls", true, 1, Integer.MAX_VALUE),
                a.integer("renewal-period", true, 1, 300), a.value("counter-key", true),
                a.bool("increment-condition", false), a.integer("increment-count", false, 0, Integer.MAX_VALUE),
                new Names(retryHeader == null ? "Retry-After" : retryHeader, a.literal("retry-after-variable-name",
                        false), a.literal("remaining-calls-header-name", false),
                        a.literal("remaining-calls-variable-name", false), a.literal("total-calls-header-name",
                        false)));
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        long limit = calls.integer(ex, this);
        Duration window = Duration.ofSeconds(renewal.integer(ex, this));
        String key = "rate-limit-by-key\u0000" + counterKey.string(ex, this);
        long amount = incrementCount == null ? 1 : incrementCount.integer(ex, this);
        CounterStore counters = ex.services.counters();
        CounterStore.Admission admission = incrementCondition == null
                ? counters.tryAdd(key, amount, limit, window) : counters.check(key, amount, limit, window);
        if (!admission.admitted()) {
            long seconds = Limits.seconds(admission.retryAfter());
            Limits.variable(ex, names.retryAfterVariable(), (int) seconds);
            Limits.variable(ex, names.remainingVariable(), 0);
            GatewayResponse answer = ErrorAnswers.message(429, "Rate limit is exceeded. Try again in " + seconds
                    + " seconds.");
            answer.headers().set(names.retryAfterHeader(), String.valueOf(seconds));
            Limits.header(answer, names.remainingHeader(), 0);
            Limits.header(answer, names.totalHeader(), limit);
            throw new PolicyFault("rate-limit-by-key", "RateLimitExceeded", "Rate limit is exceeded", origin, answer);
        }
        Limits.variable(ex, names.remainingVariable(), (int) Math.min(Integer.MAX_VALUE, admission.remaining()));
        ex.completions.add((e, answer) -> {
            if (incrementCondition != null) {
                boolean count;
                try {
                    count = incrementCondition.bool(e, this);
                } catch (PolicyFault f) {
                    count = false; // the request is over: a failing condition cannot reach on-error any more
                }
                if (count) {
                    counters.add(key, amount, window);
                }
            }
            Limits.header(answer, names.remainingHeader(), counters.remaining(key, limit, window));
            Limits.header(answer, names.totalHeader(), limit);
        });
    }
}
