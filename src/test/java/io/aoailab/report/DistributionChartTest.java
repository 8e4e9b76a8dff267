package io.aoailab.report;

import static io.aoailab.report.SvgDocuments.SVG;
import static io.aoailab.report.SvgDocuments.elements;
import static io.aoailab.report.SvgDocuments.number;
import static io.aoailab.report.SvgDocuments.parse;
import static io.aoailab.report.SvgDocuments.texts;
import static io.aoailab.report.SvgDocuments.withDefaultLocale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aoailab.report.DistributionChart.Bar;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class DistributionChartTest {
    private static final String DECISION = "after 100 requests every region's share is within ±0.20 of the intended"
            + " one (false-alarm rate ≤ 0.001, miss rate ≤ 0.001)";

    private static DistributionChart fiftyFifty() {
        return new DistributionChart("through APIM with openai-java", List.of(new Bar("East US", 62, 0.5, 0.62),
                new Bar("East US 2", 38, 0.5, 0.38)), 0.20, DECISION);
    }

    private static Element titled(Element svg, String name, Predicate<String> title) {
        List<Element> found = elements(svg, name).stream().filter(e -> e.getElementsByTagNameNS(SVG, "title")
                .getLength() == 1 && title.test(e.getElementsByTagNameNS(SVG, "title").item(0).getTextContent()))
                .toList();
        assertThat(found).as("<%s> elements with such a title", name).hasSize(1);
        return found.get(0);
    }

    // where the axis puts a share, read from its own "0%" and "100%" labels
    private static double x(Element svg, double share) {
        double zero = axisLabel(svg, "0%");
        return zero + share * (axisLabel(svg, "100%") - zero);
    }

    private static double axisLabel(Element svg, String label) {
        return number(elements(svg, "text").stream().filter(t -> t.getTextContent().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no axis label " + label)), "x");
    }

    @Test
    void should_render_a_well_formed_svg_document() throws Exception {
        // WHEN
        Element svg = parse(fiftyFifty().svg());

        // THEN
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getNamespaceURI()).isEqualTo(SVG);
        assertThat(number(svg, "width")).isPositive();
        assertThat(number(svg, "height")).isPositive();
    }

    @Test
    void should_name_the_measurement_and_each_region_with_its_answers_and_observed_share() throws Exception {
        // WHEN
        List<String> texts = texts(parse(fiftyFifty().svg()));

        // THEN
        assertThat(texts).contains("Regions answering through APIM with openai-java", "East US", "East US 2",
                "62.0% (62)", "38.0% (38)");
    }

    @Test
    void should_mark_the_expected_share_of_each_region_where_the_axis_puts_it() throws Exception {
        // GIVEN a 70/30 pool
        Element svg = parse(new DistributionChart("through APIM with openai-java", List.of(
                new Bar("East US", 60, 0.7, 0.6), new Bar("East US 2", 40, 0.3, 0.4)), 0.20, DECISION).svg());

        // WHEN
        Element seventy = titled(svg, "line", "expected 70.0%"::equals);
        Element thirty = titled(svg, "line", "expected 30.0%"::equals);

        // THEN
        assertThat(number(seventy, "x1")).isCloseTo(x(svg, 0.7), within(0.1));
        assertThat(number(seventy, "x2")).isCloseTo(x(svg, 0.7), within(0.1));
        assertThat(number(thirty, "x1")).isCloseTo(x(svg, 0.3), within(0.1));
        assertThat(number(thirty, "y1")).as("East US 2's mark lies below East US's")
                .isGreaterThan(number(seventy, "y1"));
    }

    @Test
    void should_draw_each_observed_share_as_a_bar_from_the_axis() throws Exception {
        // GIVEN
        Element svg = parse(fiftyFifty().svg());

        // WHEN the bars: the rectangles without a title
        List<Element> bars = elements(svg, "rect").stream()
                .filter(r -> r.getElementsByTagNameNS(SVG, "title").getLength() == 0).toList();

        // THEN one per region, in order, as long as its share
        assertThat(bars).hasSize(2).allSatisfy(bar -> assertThat(number(bar, "x")).isCloseTo(x(svg, 0), within(0.1)));
        assertThat(number(bars.get(0), "width")).isCloseTo(x(svg, 0.62) - x(svg, 0), within(0.1));
        assertThat(number(bars.get(1), "width")).isCloseTo(x(svg, 0.38) - x(svg, 0), within(0.1));
        assertThat(number(bars.get(1), "y")).isGreaterThan(number(bars.get(0), "y"));
    }

    @Test
    void should_shade_the_tolerance_around_each_expected_share_within_the_axis() throws Exception {
        // GIVEN shares near either end, so that their band would pass it
        Element svg = parse(new DistributionChart("through APIM with openai-java", List.of(
                new Bar("East US", 90, 0.9, 0.9), new Bar("East US 2", 10, 0.1, 0.1), new Bar("West US", 0, 0.5, 0)),
                0.20, DECISION).svg());

        // WHEN
        List<Element> bands = elements(svg, "rect").stream().filter(r -> r.getElementsByTagNameNS(SVG, "title")
                .getLength() == 1).toList();

        // THEN from share − δ to share + δ, cut at 0% and 100%
        assertThat(bands).hasSize(3).allSatisfy(band -> assertThat(band.getTextContent())
                .isEqualTo("within ±20.0% of the expected share"));
        assertThat(number(bands.get(0), "x")).isCloseTo(x(svg, 0.7), within(0.1));
        assertThat(number(bands.get(0), "x") + number(bands.get(0), "width")).isCloseTo(x(svg, 1), within(0.1));
        assertThat(number(bands.get(1), "x")).isCloseTo(x(svg, 0), within(0.1));
        assertThat(number(bands.get(1), "x") + number(bands.get(1), "width")).isCloseTo(x(svg, 0.3), within(0.1));
        assertThat(number(bands.get(2), "x")).isCloseTo(x(svg, 0.3), within(0.1));
        assertThat(number(bands.get(2), "width")).isCloseTo(x(svg, 0.4) - x(svg, 0), within(0.1));
    }

    @Test
    void should_state_the_decision_and_what_the_marks_mean() throws Exception {
        // WHEN
        List<String> texts = texts(parse(fiftyFifty().svg()));

        // THEN
        assertThat(texts).contains(DECISION, "blue: observed share; red: expected share; band: ±20.0%");
    }

    @Test
    void should_keep_every_mark_within_the_drawing_however_many_regions() throws Exception {
        // GIVEN five regions, one with every answer
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bars.add(new Bar("Region " + i, i == 0 ? 500 : 0, 0.2, i == 0 ? 1.0 : 0.0));
        }

        // WHEN
        Element svg = parse(new DistributionChart("through APIM with openai-java", bars, 0.2, DECISION).svg());

        // THEN
        double width = number(svg, "width");
        double height = number(svg, "height");
        assertThat(texts(svg)).contains("Region 4", "100.0% (500)", DECISION);
        for (String name : List.of("text", "rect", "line")) {
            for (Element element : elements(svg, name)) {
                for (String attribute : List.of("x", "x1", "x2")) {
                    if (element.hasAttribute(attribute)) {
                        assertThat(number(element, attribute)).as("%s of a <%s>", attribute, name)
                                .isBetween(0.0, width);
                    }
                }
                for (String attribute : List.of("y", "y1", "y2")) {
                    if (element.hasAttribute(attribute)) {
                        assertThat(number(element, attribute)).as("%s of a <%s>", attribute, name)
                                .isBetween(0.0, height);
                    }
                }
                if (element.hasAttribute("width")) {
                    assertThat(number(element, "x") + number(element, "width")).isLessThanOrEqualTo(width);
                }
            }
        }
    }

    @Test
    void should_escape_what_it_is_told_so_that_any_name_shows_as_given() throws Exception {
        // GIVEN
        DistributionChart chart = new DistributionChart("through \"APIM\" & <friends>", List.of(
                new Bar("A&B <x>", 3, 0.5, 0.75), new Bar("East US 2", 1, 0.5, 0.25)), 0.2,
                "after 4 requests A&B <x> is still sampling");

        // WHEN
        String svg = chart.svg();

        // THEN the document parses, and reads as given
        assertThat(texts(parse(svg))).contains("Regions answering through \"APIM\" & <friends>", "A&B <x>",
                "after 4 requests A&B <x> is still sampling");
        assertThat(svg).contains("A&amp;B &lt;x&gt;").doesNotContain("<x>", "<friends>");
    }

    @Test
    void should_write_the_same_document_whatever_the_default_locale() {
        // GIVEN a chart with fractional numbers everywhere
        DistributionChart chart = new DistributionChart("through APIM", List.of(new Bar("East US", 1234, 0.333,
                0.4567), new Bar("East US 2", 1468, 0.667, 0.5433)), 0.15, DECISION);

        // WHEN
        String english = withDefaultLocale(Locale.US, chart::svg);
        String german = withDefaultLocale(Locale.GERMANY, chart::svg);
        String arabic = withDefaultLocale(Locale.forLanguageTag("ar-EG-u-nu-arab"), chart::svg);

        // THEN
        assertThat(german).isEqualTo(english).contains("45.7% (1234)");
        assertThat(arabic).isEqualTo(english);
    }

    @Test
    void should_keep_the_bars_it_was_given_whatever_happens_to_the_list_later() {
        // GIVEN
        List<Bar> bars = new ArrayList<>(List.of(new Bar("East US", 1, 0.5, 0.5), new Bar("East US 2", 1, 0.5, 0.5)));
        DistributionChart chart = new DistributionChart("through APIM", bars, 0.2, DECISION);

        // WHEN
        bars.add(new Bar("West US", 9, 0, 0.9));

        // THEN
        assertThat(chart.bars()).hasSize(2);
        assertThat(chart.svg()).doesNotContain("West US");
    }
}
