package io.aoailab.report;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reading the report's SVG attachments back, as a browser would: a parsed document, never string matching. */
final class SvgDocuments {
    static final String SVG = "http://www.w3.org/2000/svg";

    private SvgDocuments() {
    }

    /** The document element of an SVG document; a document type declaration is refused (it never has one). */
    static Element parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg))).getDocumentElement();
    }

    static List<Element> elements(Element svg, String name) {
        NodeList nodes = svg.getElementsByTagNameNS(SVG, name);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    static List<String> texts(Element svg) {
        return elements(svg, "text").stream().map(Element::getTextContent).toList();
    }

    static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    /** What {@code render} gives with {@code locale} as every default locale: numbers must not follow it. */
    static String withDefaultLocale(Locale locale, Supplier<String> render) {
        Locale general = Locale.getDefault();
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale.setDefault(locale);
        try {
            return render.get();
        } finally {
            Locale.setDefault(general);
            Locale.setDefault(Locale.Category.DISPLAY, display);
            Locale.setDefault(Locale.Category.FORMAT, format);
        }
    }
}
