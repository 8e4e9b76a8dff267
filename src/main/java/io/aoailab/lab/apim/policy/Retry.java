package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code retry} (docs/apim-gateway.md §2.2): runs its children once, then again while {@code condition} is true and retries
 * are left, so at most {@code count + 1} attempts; the condition is evaluated after each attempt but the last.
 *
 * <p><b>Waits</b> before retry n (1-based), in seconds: none for n = 1 with {@code first-fast-retry}; else
 * {@code interval} alone → fixed; with {@code delta} → linear {@code interval + (n - 1) * delta}; with {@code delta}
 * and {@code max-interval} → exponential {@code interval + (2^(n-1) - 1) * random(0.8 delta, 1.2 delta)} capped at
 * {@code max-interval}. That exponential form is the one that reproduces the docs' example (interval = delta = 10,
 * max 100 → about 10, 20, 40, 80, 100). {@code interval="0"} never sleeps. The lab waits the whole of each wait, as
 * APIM does (bounded only by the request's timeouts), so a test that must not wait long gives its policy short
 * intervals.
 *
 * <p><b>Transport failures.</b> An attempt that got no HTTP answer (the connection failed, was dropped or timed
 * out: {@code BackendConnectionFailure}, {@code Timeout}) leaves {@code context.Response} empty, and the condition
 * decides as after any attempt: a condition that guards it ({@code context.Response == null || ...}) retries, one
 * that does not lets the failure go on to on-error. That is how Microsoft's own samples write their conditions, how
 * Microsoft's support advises handling {@code BackendConnectionFailure} (a retry policy), and what Microsoft's policy
 * toolkit emulator does; APIM's reference page does not say it (§2.2, INFERRED). Any other error (an expression
 * failure, a pool with no member left) is not retried: processing jumps to on-error (§2).
 */
final class Retry extends Step {
    private final Value condition;
    private final Value count;
    private final Value interval;
    private final Value maxInterval;
    private final Value delta;
    private final Value firstFastRetry;
    private final List<Step> steps;

    private Retry(Origin origin, Value condition, Value count, Value interval, Value maxInterval, Value delta,
            Value firstFastRetry, List<Step> steps) {
        super(origin);
        this.condition = condition;
        this.count = count;
        this.interval = interval;
        this.maxInterval = maxInterval;
        this.delta = delta;
        this.firstFastRetry = firstFastRetry;
        this.steps = steps;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "condition", "count", "interval", "max-interval", "delta",
                "first-fast-retry");
        List<Step> steps = loader.steps(element, origin.section(), origin.path() + "\\");
        if (steps.isEmpty()) {
            throw loader.error(element.line(), "retry", "no child policies", "put the policies to retry inside");
        }
        return new Retry(origin, attrs.bool("condition", true), attrs.integer("count", true, 1, 50),
                attrs.integer("interval", true, 0, Integer.MAX_VALUE),
                attrs.integer("max-interval", false, 0, Integer.MAX_VALUE),
                attrs.integer("delta", false, 0, Integer.MAX_VALUE), attrs.bool("first-fast-retry", false), steps);
    }

    @Override
    void run(Execution ex) throws PolicyFault, ReturnSignal {
        long retries = count.integer(ex, this);
        if (retries < 1 || retries > 50) {
            throw fault("ExpressionValueEvaluationFailure", "Expression evaluation failed. retry count must be "
                    + "between 1 and 50, not " + retries + ".", null);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                ex.runAll(steps);
            } catch (PolicyFault fault) {
                if (!noAnswer(fault) || attempt >= retries || !conditionWithoutAnswer(ex)) {
                    throw fault;
                }
                ex.context.response(null);
                Duration wait = wait(ex, attempt + 1);
                if (!wait.isZero() && !ex.sleeper.sleep(wait)) {
                    throw fault;
                }
                continue;
            }
            if (attempt >= retries || !condition.bool(ex, this)) {
                return;
            }
            Duration wait = wait(ex, attempt + 1);
            if (!wait.isZero() && !ex.sleeper.sleep(wait)) {
                return;
            }
        }
    }

    private static boolean noAnswer(PolicyFault fault) {
        return fault.response == null && "forward-request".equals(fault.source)
                && ("BackendConnectionFailure".equals(fault.reason) || "Timeout".equals(fault.reason));
    }

    // the condition as it sees an attempt without an answer: context.Response is null; a condition that reads it
    // unguarded fails, and the transport failure goes on to on-error
    private boolean conditionWithoutAnswer(Execution ex) {
        GatewayResponse before = ex.context.responseOrNull();
        ex.context.response(null);
        try {
            return condition.bool(ex, this);
        } catch (PolicyFault expressionFailed) {
            return false;
        } finally {
            ex.context.response(before);
        }
    }

    /** The wait before retry {@code n} (1-based). */
    Duration wait(Execution ex, int n) throws PolicyFault {
        if (n == 1 && firstFastRetry != null && firstFastRetry.bool(ex, this)) {
            return Duration.ZERO;
        }
        double seconds = interval.integer(ex, this);
        if (delta != null) {
            double d = delta.integer(ex, this);
            if (maxInterval == null) {
                seconds += (n - 1) * d;
            } else {
                double jittered = ThreadLocalRandom.current().nextDouble(0.8 * d, 1.2 * d + Double.MIN_VALUE);
                seconds = Math.min(maxInterval.integer(ex, this), seconds + (Math.pow(2, n - 1) - 1) * jittered);
            }
        } else if (maxInterval != null) {
            seconds = Math.min(seconds, maxInterval.integer(ex, this));
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
