package io.aoailab.report;

import io.qameta.allure.Allure;
import java.util.Map;

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

    /** Adds a step for the call to the running test's report; outside a test (a harness, the lab) nothing. */
    public static void attach(Redactor redactor, String stepName, String exchange) {
        if (Allure.getLifecycle().getCurrentTestCase().isEmpty()) {
            return; // Allure would log an error for every call
        }
        String name = redactor.redact(stepName);
        Allure.step(name, () -> Allure.addAttachment("HTTP exchange", "text/plain", exchange, ".txt"));
    }

    private static String cut(String body) {
        if (body == null || body.isEmpty()) {
            return "(no body)";
        }
        return body.length() <= MAX_BODY_CHARS ? body
                : body.substring(0, MAX_BODY_CHARS) + "\n... (" + (body.length() - MAX_BODY_CHARS) + " more characters)";
    }
}
