package io.aoailab.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which region answered each request while a fault was on, as a timeline: a lane per region (and one per refusal),
 * a dot per request at the moment it was sent, its colour how long it took, and the fault's window shaded. Plain data
 * in, so the report does not depend on how the requests were made.
 *
 * @param title what happened, e.g. "East US throttled (Retry-After 2 s) through APIM with openai-java"
 * @param faultMillis how long the fault lasted from the first request, in milliseconds
 * @param requests every request, in the order sent
 */
public record FailoverTimeline(String title, long faultMillis, List<Request> requests) {
    private static final int WIDTH = 720;
    private static final int LABEL = 150;
    private static final int LANE = 28;

    /**
     * @param sentMillis when it was sent, in milliseconds from the first request
     * @param answeredBy the region that answered, or what refused it (e.g. "429", "no answer")
     * @param latencyMillis how long it took
     */
    public record Request(long sentMillis, String answeredBy, long latencyMillis) {
    }

    public FailoverTimeline {
        requests = List.copyOf(requests);
    }

    /** The timeline as an SVG document. */
    public String svg() {
        Set<String> lanes = new LinkedHashSet<>();
        requests.forEach(r -> lanes.add(r.answeredBy()));
        List<String> lanesInOrder = List.copyOf(lanes);
        long span = Math.max(1, Math.max(faultMillis, requests.stream()
                .mapToLong(r -> r.sentMillis() + r.latencyMillis()).max().orElse(1)));
        int plot = WIDTH - LABEL - 20;
        int height = 50 + lanesInOrder.size() * LANE + 40;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                Svg.text(title)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"32\" width=\"%s\" height=\"%d\" fill=\"#fbe3e1\">"
                + "<title>fault on</title></rect>%n", LABEL, Svg.number((double) plot * faultMillis / span),
                lanesInOrder.size() * LANE));
        for (int i = 0; i < lanesInOrder.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">%s</text>%n", 50 + i * LANE,
                    Svg.text(lanesInOrder.get(i))));
        }
        for (Request request : requests) {
            double x = LABEL + (double) plot * request.sentMillis() / span;
            int y = 46 + lanesInOrder.indexOf(request.answeredBy()) * LANE;
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%d\" r=\"4\" fill=\"%s\"><title>%d ms: %s in %d"
                    + " ms</title></circle>%n", Svg.number(x), y, colour(request.latencyMillis()),
                    request.sentMillis(), Svg.text(request.answeredBy()), request.latencyMillis()));
        }
        int y = 60 + lanesInOrder.size() * LANE;
        svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" fill=\"#333\">%s</text>%n", y, Svg.text(
                requests.size() + " requests over " + span + " ms; shaded: the fault's " + faultMillis
                        + " ms; dot colour: latency (green < 1 s, orange < 5 s, red beyond)")));
        return svg.append("</svg>\n").toString();
    }

    /** Attaches the timeline to the running test's report. */
    public void attach() {
        Svg.attach("Failover timeline: " + title, svg());
    }

    private static String colour(long latencyMillis) {
        return latencyMillis < 1000 ? "#2e8b57" : latencyMillis < 5000 ? "#e08e0b" : "#c0392b";
    }
}
