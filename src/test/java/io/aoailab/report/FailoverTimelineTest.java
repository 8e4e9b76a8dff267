package io.aoailab.report;

import static io.aoailab.report.SvgDocuments.SVG;
import static io.aoailab.report.SvgDocuments.elements;
import static io.aoailab.report.SvgDocuments.number;
import static io.aoailab.report.SvgDocuments.parse;
import static io.aoailab.report.SvgDocuments.texts;
import static io.aoailab.report.SvgDocuments.withDefaultLocale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aoailab.report.FailoverTimeline.Request;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class FailoverTimelineTest {
    private static final String TITLE = "East US throttled (Retry-After 4 s) through APIM with openai-java";

    // East US throttled for 4 s: served around, one refusal, one dropped, then East US again
    private static final List<Request> REQUESTS = List.of(
            new Request(0, "East US 2", 120),
            new Request(500, "429 from East US", 40),
            new Request(1000, "East US 2", 1500),
            new Request(2000, "no answer", 1000),
            new Request(2500, "East US 2", 300),
            new Request(3600, "East US", 200));

    private static String title(Element element) {
        return element.getElementsByTagNameNS(SVG, "title").item(0).getTextContent();
    }

    private static Element faultWindow(Element svg) {
        List<Element> shaded = elements(svg, "rect").stream().filter(r -> title(r).equals("fault on")).toList();
        assertThat(shaded).as("the fault's window").hasSize(1);
        return shaded.get(0);
    }

    @Test
    void should_render_a_well_formed_svg_document_with_its_title() throws Exception {
        // WHEN
        Element svg = parse(new FailoverTimeline(TITLE, 4000, REQUESTS).svg());

        // THEN
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getNamespaceURI()).isEqualTo(SVG);
        assertThat(texts(svg)).contains(TITLE);
    }

    @Test
    void should_draw_one_mark_per_request_in_the_order_sent_saying_what_answered_it_and_when() throws Exception {
        // WHEN
        List<Element> marks = elements(parse(new FailoverTimeline(TITLE, 4000, REQUESTS).svg()), "circle");

        // THEN
        assertThat(marks).extracting(FailoverTimelineTest::title).containsExactly("0 ms: East US 2 in 120 ms",
                "500 ms: 429 from East US in 40 ms", "1000 ms: East US 2 in 1500 ms", "2000 ms: no answer in 1000 ms",
                "2500 ms: East US 2 in 300 ms", "3600 ms: East US in 200 ms");
        assertThat(marks).extracting(m -> number(m, "cx")).isSorted();
    }

    @Test
    void should_put_each_answerer_and_each_refusal_on_a_lane_of_its_own() throws Exception {
        // GIVEN
        Element svg = parse(new FailoverTimeline(TITLE, 4000, REQUESTS).svg());

        // WHEN the lane of each mark, by what answered it
        Map<String, List<Double>> lanes = elements(svg, "circle").stream().collect(Collectors.groupingBy(
                m -> title(m).replaceAll("^\\d+ ms: (.*) in \\d+ ms$", "$1"),
                Collectors.mapping(m -> number(m, "cy"), Collectors.toList())));

        // THEN one lane per answerer, labelled, with refusals apart from the regions that served
        assertThat(lanes).containsOnlyKeys("East US 2", "429 from East US", "no answer", "East US");
        assertThat(lanes.get("East US 2")).hasSize(3).containsOnly(lanes.get("East US 2").get(0));
        assertThat(lanes.values().stream().map(ys -> ys.get(0)).distinct()).hasSize(4);
        assertThat(texts(svg)).contains("East US 2", "429 from East US", "no answer", "East US");
        List<Element> labels = elements(svg, "text");
        lanes.forEach((answerer, ys) -> {
            double label = number(labels.stream().filter(t -> t.getTextContent().equals(answerer)).findFirst()
                    .orElseThrow(), "y");
            assertThat(ys.get(0)).as("the lane of %s, by its label", answerer).isCloseTo(label, within(14.0));
        });
    }

    @Test
    void should_colour_each_mark_by_how_long_its_request_took() throws Exception {
        // GIVEN requests at either side of 1 s and 5 s
        List<Request> requests = List.of(new Request(0, "East US 2", 0), new Request(10, "East US 2", 999),
                new Request(20, "East US 2", 1000), new Request(30, "East US 2", 4999),
                new Request(40, "East US 2", 5000), new Request(50, "East US 2", 60_000));

        // WHEN
        Element svg = parse(new FailoverTimeline(TITLE, 4000, requests).svg());

        // THEN three colours, as the legend says
        List<String> fills = elements(svg, "circle").stream().map(m -> m.getAttribute("fill")).toList();
        assertThat(fills.get(0)).isEqualTo(fills.get(1));
        assertThat(fills.get(2)).isEqualTo(fills.get(3)).isNotEqualTo(fills.get(1));
        assertThat(fills.get(4)).isEqualTo(fills.get(5)).isNotIn(fills.get(1), fills.get(3));
        assertThat(texts(svg)).anyMatch(t -> t.contains("dot colour: latency (green < 1 s, orange < 5 s, red"
                + " beyond)"));
    }

    @Test
    void should_shade_the_fault_from_the_first_request_to_its_end_on_the_same_time_axis() throws Exception {
        // GIVEN a request sent as the fault began, one as it ended, one taking as long again
        List<Request> requests = List.of(new Request(0, "East US 2", 100), new Request(4000, "East US", 4000));

        // WHEN
        Element svg = parse(new FailoverTimeline(TITLE, 4000, requests).svg());

        // THEN
        Element window = faultWindow(svg);
        List<Element> marks = elements(svg, "circle");
        assertThat(number(window, "x")).isCloseTo(number(marks.get(0), "cx"), within(0.1));
        assertThat(number(window, "x") + number(window, "width")).isCloseTo(number(marks.get(1), "cx"),
                within(0.1));
        assertThat(texts(svg)).anyMatch(t -> t.startsWith("2 requests over 8000 ms; shaded: the fault's 4000 ms;"));
    }

    @Test
    void should_shade_every_lane_for_as_long_as_the_fault_lasted_when_the_requests_ended_before_it() throws Exception {
        // WHEN
        Element svg = parse(new FailoverTimeline(TITLE, 4000, REQUESTS).svg());

        // THEN the window is the whole time axis, across all four lanes
        Element window = faultWindow(svg);
        List<Double> ys = elements(svg, "circle").stream().map(m -> number(m, "cy")).toList();
        assertThat(number(window, "y")).isLessThan(ys.stream().mapToDouble(y -> y).min().orElseThrow());
        assertThat(number(window, "y") + number(window, "height"))
                .isGreaterThan(ys.stream().mapToDouble(y -> y).max().orElseThrow());
        assertThat(texts(svg)).anyMatch(t -> t.startsWith("6 requests over 4000 ms; shaded: the fault's 4000 ms;"));
    }

    @Test
    void should_keep_every_mark_within_the_drawing() throws Exception {
        // GIVEN many requests on many lanes, the last one slow
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(new Request(i * 100L, i % 7 == 0 ? "503 from East US" : "Region " + (i % 5), 50 + i * 10L));
        }
        requests.add(new Request(4000, "no answer", 30_000));

        // WHEN
        Element svg = parse(new FailoverTimeline(TITLE, 2000, requests).svg());

        // THEN
        double width = number(svg, "width");
        double height = number(svg, "height");
        assertThat(elements(svg, "circle")).hasSize(41).allSatisfy(mark -> {
            assertThat(number(mark, "cx")).isBetween(0.0, width);
            assertThat(number(mark, "cy")).isBetween(0.0, height);
        });
        assertThat(elements(svg, "text")).allSatisfy(text -> assertThat(number(text, "y")).isBetween(0.0, height));
        Element window = faultWindow(svg);
        assertThat(number(window, "x") + number(window, "width")).isLessThanOrEqualTo(width);
        assertThat(number(window, "y") + number(window, "height")).isLessThanOrEqualTo(height);
    }

    @Test
    void should_still_draw_the_fault_when_no_request_could_be_sent() throws Exception {
        // WHEN
        Element svg = parse(new FailoverTimeline(TITLE, 3000, List.of()).svg());

        // THEN
        assertThat(elements(svg, "circle")).isEmpty();
        assertThat(faultWindow(svg).getAttribute("width")).isNotIn("NaN", "Infinity");
        assertThat(texts(svg)).anyMatch(t -> t.startsWith("0 requests over 3000 ms;"));
    }

    @Test
    void should_escape_what_it_is_told_so_that_any_name_shows_as_given() throws Exception {
        // GIVEN
        String title = "A&B <x> throttled \"hard\"";
        List<Request> requests = List.of(new Request(0, "A&B <x>", 10), new Request(10, "429 from <A&B>", 10));

        // WHEN
        String svg = new FailoverTimeline(title, 1000, requests).svg();

        // THEN the document parses, and reads as given
        Element parsed = parse(svg);
        assertThat(texts(parsed)).contains(title, "A&B <x>", "429 from <A&B>");
        assertThat(elements(parsed, "circle")).extracting(FailoverTimelineTest::title)
                .containsExactly("0 ms: A&B <x> in 10 ms", "10 ms: 429 from <A&B> in 10 ms");
        assertThat(svg).doesNotContain("<x>", "<A&B>");
    }

    @Test
    void should_write_the_same_document_whatever_the_default_locale() {
        // GIVEN requests at times that fall between pixels
        List<Request> requests = List.of(new Request(0, "East US 2", 120), new Request(333, "East US 2", 1234),
                new Request(2777, "429 from East US", 12));
        FailoverTimeline timeline = new FailoverTimeline(TITLE, 3000, requests);
        Function<Locale, String> render = locale -> withDefaultLocale(locale, timeline::svg);

        // WHEN / THEN
        assertThat(render.apply(Locale.GERMANY)).isEqualTo(render.apply(Locale.US));
        assertThat(render.apply(Locale.forLanguageTag("ar-EG-u-nu-arab"))).isEqualTo(render.apply(Locale.US));
    }

    @Test
    void should_keep_the_requests_it_was_given_whatever_happens_to_the_list_later() {
        // GIVEN
        List<Request> requests = new ArrayList<>(REQUESTS);
        FailoverTimeline timeline = new FailoverTimeline(TITLE, 4000, requests);

        // WHEN
        requests.add(new Request(3900, "West US", 10));

        // THEN
        assertThat(timeline.requests()).hasSize(6);
        assertThat(timeline.svg()).doesNotContain("West US");
    }
}
