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
 * <p><b>Errors.</b> An error inside an attempt (no HTTP answer, an expression failure) is not retried: processing
 * jumps to on-error, as for any error (§2, "processing immediately jumps to the on-error policy section"). Whether
 * APIM retries transport failures is UNCONFIRMED (§2.2); policies that need it check
 * {@code context.LastError.Reason} in on-error.
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
            ex.runAll(steps);
            if (attempt >= retries || !condition.bool(ex, this)) {
                return;
            }
            Duration wait = wait(ex, attempt + 1);
            if (!wait.isZero() && !ex.sleeper.sleep(wait)) {
                return;
            }
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
