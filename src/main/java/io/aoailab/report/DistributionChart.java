package io.aoailab.report;

import java.util.List;
import java.util.Locale;

/**
 * The region distribution through the pool as a chart: a bar per region with its observed share, a mark at the
 * share the intended weights give it, the tolerance around that mark, and beneath, the decision in words. Plain
 * data in, so the report does not depend on how the decision was made.
 *
 * @param title what was measured, e.g. "through APIM with openai-java"
 * @param bars one per intended region, in configuration order
 * @param tolerance the deviation of a share the decision is about (δ), drawn around each expected share
 * @param decision the decision as a sentence, with the numbers behind it
 */
public record DistributionChart(String title, List<Bar> bars, double tolerance, String decision) {
    private static final int WIDTH = 640;
    private static final int LABEL = 120;
    private static final int ROW = 34;

    /**
     * @param region the region's display name
     * @param count how many answers came from it
     * @param expectedShare the share the intended weights give it
     * @param observedShare the share of the answers that came from it
     */
    public record Bar(String region, long count, double expectedShare, double observedShare) {
    }

    public DistributionChart {
        bars = List.copyOf(bars);
    }

    /** The chart as an SVG document. */
    public String svg() {
        int plot = WIDTH - LABEL - 90;
        int height = 50 + bars.size() * ROW + 46;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Regions"
                + " answering %s</text>%n", Svg.text(title)));
        for (int i = 0; i <= 4; i++) {
            double x = LABEL + plot * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"36\" x2=\"%s\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%d%%</text>%n", Svg.number(x),
                    Svg.number(x), 40 + bars.size() * ROW, Svg.number(x), 52 + bars.size() * ROW, i * 25));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 40 + i * ROW;
            double expected = LABEL + plot * bar.expectedShare();
            double low = LABEL + plot * Math.max(0, bar.expectedShare() - tolerance);
            double high = LABEL + plot * Math.min(1, bar.expectedShare() + tolerance);
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">%s</text>%n", y + 18, Svg.text(bar.region())))
                    .append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%d\" width=\"%s\" height=\"26\""
                            + " fill=\"#f4e3b2\"><title>within ±%s of the expected share</title></rect>%n",
                            Svg.number(low), y, Svg.number(high - low), Svg.number(tolerance * 100) + "%"))
                    .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"16\""
                            + " fill=\"#4a7bd0\"/>%n", LABEL, y + 5, Svg.number(plot * bar.observedShare())))
                    .append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#c0392b\""
                            + " stroke-width=\"2\"><title>expected %s</title></line>%n", Svg.number(expected), y,
                            Svg.number(expected), y + 26, percent(bar.expectedShare())))
                    .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s (%d)</text>%n",
                            LABEL + plot + 6, y + 18, percent(bar.observedShare()), bar.count()));
        }
        int y = 72 + bars.size() * ROW;
        svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" fill=\"#333\">%s</text>%n", y,
                Svg.text("blue: observed share; red: expected share; band: ±" + percent(tolerance))));
        svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" fill=\"#333\">%s</text>%n", y + 16,
                Svg.text(decision)));
        return svg.append("</svg>\n").toString();
    }

    /** Attaches the chart, and the decision as text, to the running test's report. */
    public void attach() {
        Svg.attach("Region distribution " + title, svg());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
