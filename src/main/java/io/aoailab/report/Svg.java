package io.aoailab.report;

import io.qameta.allure.Allure;
import java.util.Locale;

/** The little SVG the report's charts need: escaped text, numbers without locale surprises, one attachment call. */
final class Svg {
    private Svg() {
    }

    static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Attaches the chart to the running test's report; nothing outside a test (Allure would log an error). */
    static void attach(String name, String svg) {
        if (Allure.getLifecycle().getCurrentTestCase().isPresent()) {
            Allure.addAttachment(name, "image/svg+xml", svg, ".svg");
        }
    }
}
