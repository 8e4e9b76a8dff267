package io.aoailab.report;

import static io.aoailab.report.SvgDocuments.SVG;
import static io.aoailab.report.SvgDocuments.elements;
import static io.aoailab.report.SvgDocuments.number;
import static io.aoailab.report.SvgDocuments.parse;
import static io.aoailab.report.SvgDocuments.texts;
import static io.aoailab.report.SvgDocuments.withDefaultLocale;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class SvgTest {

    @Test
    void should_escape_the_characters_xml_gives_a_meaning() {
        assertThat(Svg.text("A&B <x> \"y\"")).isEqualTo("A&amp;B &lt;x&gt; &quot;y&quot;");
    }

    @Test
    void should_escape_an_ampersand_that_already_starts_an_entity() {
        assertThat(Svg.text("&lt;b&gt; &amp;")).isEqualTo("&amp;lt;b&amp;gt; &amp;amp;");
    }

    @Test
    void should_leave_other_text_as_it_is() {
        assertThat(Svg.text("East US 2: 50.0% ±20 (rate ≤ 0.001) it's")).isEqualTo(
                "East US 2: 50.0% ±20 (rate ≤ 0.001) it's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A&B <x>", "\"quoted\" & <b>bold</b>", "&amp;", "<![CDATA[x]]>", "a > b && c < d",
        "-->", "<!-- x -->"})
    void should_give_back_the_text_as_it_was_once_parsed_in_an_element_or_a_double_quoted_attribute(String text)
            throws Exception {
        // GIVEN
        String escaped = Svg.text(text);

        // WHEN
        Element parsed = parse("<text title=\"" + escaped + "\">" + escaped + "</text>");

        // THEN
        assertThat(parsed.getTextContent()).isEqualTo(text);
        assertThat(parsed.getAttribute("title")).isEqualTo(text);
    }

    @Test
    void should_write_a_number_with_one_decimal_and_no_grouping() {
        assertThat(Svg.number(1234.56)).isEqualTo("1234.6");
        assertThat(Svg.number(0)).isEqualTo("0.0");
        assertThat(Svg.number(120)).isEqualTo("120.0");
        assertThat(Svg.number(1_000_000)).isEqualTo("1000000.0");
    }

    @Test
    void should_write_a_number_the_same_whatever_the_default_locale() {
        // GIVEN a default locale whose decimal separator is a comma and whose grouping is a dot
        Locale general = Locale.getDefault();
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale.setDefault(Locale.GERMANY);
        try {
            // WHEN / THEN
            assertThat(Svg.number(1234.56)).isEqualTo("1234.6");
        } finally {
            Locale.setDefault(general);
            Locale.setDefault(Locale.Category.DISPLAY, display);
            Locale.setDefault(Locale.Category.FORMAT, format);
        }
    }
}
