package io.aoailab.report;

import io.qameta.allure.Allure;
import java.util.List;
import java.util.Locale;

/**
 * What a test's calls consumed, as the report shows it: an attachment with a line per access path and a total.
 * It takes plain lines, so the report does not depend on how the calls were counted.
 */
public final class TokenUsageReport {
    public static final String ATTACHMENT_NAME = "Token usage";

    /** One access path's calls and the tokens they reported (a total line has the same shape). */
    public record Line(String name, long calls, long input, long output, long total) {
        Line plus(Line other) {
            return new Line(name, calls + other.calls, input + other.input, output + other.output,
                    total + other.total);
        }

        boolean consumedTokens() {
            return input != 0 || output != 0 || total != 0;
        }
    }

    private TokenUsageReport() {
    }

    /** Attaches the text to the running test's report; nothing when no call was made, or outside a test. */
    public static void attach(Redactor redactor, List<Line> paths) {
        // outside a reported test, Allure would still write the attachment's file, and then log an error
        if (sum("total", paths).calls() > 0 && Allure.getLifecycle().getCurrentTestCase().isPresent()) {
            Allure.addAttachment(ATTACHMENT_NAME, "text/plain", text(redactor, paths), ".txt");
        }
    }

    /** A line per access path, then the total; or that no call consumed tokens. Redacted. */
    public static String text(Redactor redactor, List<Line> paths) {
        Line total = sum("total", paths);
        if (!total.consumedTokens()) {
            return redactor.redact("no token-consuming calls (" + calls(total.calls()) + ")\n");
        }
        StringBuilder text = new StringBuilder();
        for (Line path : paths) {
            text.append(describe(path)).append('\n');
        }
        return redactor.redact(text.append(describe(total)).append('\n').toString());
    }

    private static String describe(Line line) {
        return line.name() + ": " + calls(line.calls()) + ", " + number(line.input()) + " input, "
                + number(line.output()) + " output, " + number(line.total()) + " total";
    }

    private static Line sum(String name, List<Line> lines) {
        return lines.stream().reduce(new Line(name, 0, 0, 0, 0), Line::plus);
    }

    private static String calls(long calls) {
        return number(calls) + (calls == 1 ? " call" : " calls");
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
