package io.aoailab.report;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One HTTP call as the Allure report shows it: a step named by the call, with the exchange attached as text.
 * Everything passes through the run's {@link Redactor} first: keys, tokens and secrets never reach the report.
 */
public final class CallReport {
    /** Bodies longer than this are cut in the attachment; the report is for reading, not for replaying. */
    static final int MAX_BODY_CHARS = 8_000;

    private CallReport() {
    }

    /** The exchange as the attachment shows it, redacted. */
    public static String describe(Redactor redactor, String method, String url, Map<String, String> requestHeaders, String requestBody,
            int status, Map<String, String> responseHeaders, String responseBody) {
        StringBuilder text = new StringBuilder().append(method).append(' ').append(url).append('\n');
        requestHeaders.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        text.append('\n').append(cut(requestBody)).append("\n\n--- ").append(status).append(" ---\n");
        responseHeaders.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        text.append('\n').append(cut(responseBody)).append('\n');
        return redactor.redact(text.toString());
    }

    /**
     * Adds a step for the call to the running test's report, timed as the call was (from its start, for its latency,
     * not the instant the step is written); outside a test (a harness, the lab) nothing.
     */
    public static void attach(Redactor redactor, String stepName, String exchange, Instant start, Duration latency) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            return; // Allure would log an error for every call
        }
        // a test's concurrent requests (the pool's measurement) add steps to one test case from several threads: Allure
        // keeps each thread's step stack apart, but the test case's list of steps is a plain list
        synchronized (STEPS) {
            step(lifecycle, redactor, stepName, exchange, start, latency);
        }
    }

    private static final Object STEPS = new Object();

    private static void step(AllureLifecycle lifecycle, Redactor redactor, String stepName, String exchange,
            Instant start, Duration latency) {
        String uuid = UUID.randomUUID().toString();
        StepResult step = new StepResult().setName(redactor.redact(stepName)).setStatus(Status.PASSED);
        lifecycle.startStep(uuid, step);
        Allure.addAttachment("HTTP exchange", "text/plain", exchange, ".txt");
        lifecycle.stopStep(uuid);
        // start and stop stamp the wall clock when the step is written, after the call: the call's own times replace
        // them (the step object stays in its test case, which is written when the test ends)
        step.setStart(start.toEpochMilli()).setStop(start.plus(latency).toEpochMilli());
    }

    /**
     * Marks the latest step of the running test for a call that answered {@code status} as expected: the case asked
     * for this refusal (a 404 for an unknown deployment, a 503 from a region taken down on purpose), so the report
     * does not read it as an error that happened to pass.
     *
     * @param stepPrefix the start of the call's step name, {@code "<path>: <method> "}
     */
    public static void markExpected(String stepPrefix, int status) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            return;
        }
        String answered = " -> " + status;
        synchronized (STEPS) {
            markLatest(lifecycle, stepPrefix, answered);
        }
    }

    private static void markLatest(AllureLifecycle lifecycle, String stepPrefix, String answered) {
        lifecycle.updateTestCase(test -> latest(test.getSteps(), stepPrefix, answered).ifPresent(step -> {
            if (!step.getName().endsWith(EXPECTED)) {
                step.setName(step.getName() + EXPECTED);
            }
        }));
    }

    static final String EXPECTED = " · expected: the case checks this refusal";

    private static Optional<StepResult> latest(List<StepResult> steps, String prefix,
            String answered) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            StepResult step = steps.get(i);
            Optional<StepResult> inner = latest(step.getSteps(), prefix, answered);
            if (inner.isPresent()) {
                return inner;
            }
            if (step.getName().startsWith(prefix) && step.getName().contains(answered)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    private static String cut(String body) {
        if (body == null || body.isEmpty()) {
            return "(no body)";
        }
        return body.length() <= MAX_BODY_CHARS ? body
                : body.substring(0, MAX_BODY_CHARS) + "\n... (" + (body.length() - MAX_BODY_CHARS) + " more characters)";
    }
}
