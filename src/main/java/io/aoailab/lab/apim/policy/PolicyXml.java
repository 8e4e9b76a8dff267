package io.aoailab.lab.apim.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small XML reader for policy documents, written for two things a stock parser cannot do:
 * <ul>
 *   <li>keep the line of every element, attribute and text, for error messages;</li>
 *   <li>read policy expressions as APIM's editor accepts them: raw {@code "}, {@code <}, {@code >} and {@code &&}
 *       inside {@code @( )} and <code>@{ }</code>, in attributes and element text alike (e.g.
 *       {@code condition="@(context.Request.Headers.GetValueOrDefault("x", "") != "")"}, as in docs/apim-gateway.md §2.9).
 *       An expression's extent is found by matching brackets C#-aware (strings, chars, comments), with XML entities
 *       ({@code &quot;}) decoded, so exported policies with escaped quotes read the same.</li>
 * </ul>
 * Namespaces, DTDs and processing instructions other than the XML declaration are not part of policy documents.
 */
final class PolicyXml {

    record Attr(String name, String value, int line) {
    }

    /** An element with its attributes, child elements and text (CDATA included); {@code textLine} is where text starts. */
    record Element(String name, int line, List<Attr> attrs, List<Element> children, String text, int textLine) {
        Attr attr(String attrName) {
            return attrs.stream().filter(a -> a.name().equals(attrName)).findFirst().orElse(null);
        }
    }

    private final String xml;
    private final String source;
    private final int[] lineStarts;
    private int pos;

    private PolicyXml(String xml, String source) {
        this.xml = xml;
        this.source = source;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < xml.length(); i++) {
            if (xml.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static Element parse(String xml, String source) throws PolicyException {
        PolicyXml reader = new PolicyXml(xml.startsWith("\uFEFF") ? xml.substring(1) : xml, source);
        reader.prolog();
        if (reader.pos >= reader.xml.length() || reader.xml.charAt(reader.pos) != '<') {
            throw reader.error(reader.pos, "xml", "no root element", "write the policy as <policies>...</policies>");
        }
        Element root = reader.element();
        reader.skipMisc();
        if (reader.pos < reader.xml.length()) {
            throw reader.error(reader.pos, "xml", "content after the root element",
                    "keep everything inside <policies>");
        }
        return root;
    }

    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private PolicyException error(int offset, String construct, String problem, String fix) {
        return new PolicyException(source, line(offset), construct, problem, fix);
    }

    private void prolog() throws PolicyException {
        skipWhitespace();
        if (xml.startsWith("<?xml", pos)) {
            int end = xml.indexOf("?>", pos);
            if (end < 0) {
                throw error(pos, "xml", "unterminated XML declaration", "end it with ?>");
            }
            pos = end + 2;
        }
        skipMisc();
    }

    private void skipMisc() throws PolicyException {
        while (true) {
            skipWhitespace();
            if (xml.startsWith("<!--", pos)) {
                comment();
            } else if (xml.startsWith("<!", pos) || xml.startsWith("<?", pos)) {
                throw error(pos, "xml", "DTDs and processing instructions are not part of policy documents",
                        "remove it");
            } else {
                return;
            }
        }
    }

    private void comment() throws PolicyException {
        int end = xml.indexOf("-->", pos + 4);
        if (end < 0) {
            throw error(pos, "xml", "unterminated comment", "end it with -->");
        }
        pos = end + 3;
    }

    private void skipWhitespace() {
        while (pos < xml.length() && Character.isWhitespace(xml.charAt(pos))) {
            pos++;
        }
    }

    private Element element() throws PolicyException {
        int start = pos;
        pos++; // '<'
        String name = name("element");
        List<Attr> attrs = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= xml.length()) {
                throw error(start, name, "unterminated start tag", "close it with > or />");
            }
            char c = xml.charAt(pos);
            if (c == '/' && xml.startsWith("/>", pos)) {
                pos += 2;
                return new Element(name, line(start), attrs, List.of(), "", line(start));
            }
            if (c == '>') {
                pos++;
                break;
            }
            int attrStart = pos;
            String attrName = name(name);
            if (attrs.stream().anyMatch(a -> a.name().equals(attrName))) {
                throw error(attrStart, name, "attribute '" + attrName + "' given twice", "keep one");
            }
            skipWhitespace();
            if (pos >= xml.length() || xml.charAt(pos) != '=') {
                throw error(attrStart, name, "attribute '" + attrName + "' has no value",
                        "write " + attrName + "=\"...\"");
            }
            pos++;
            skipWhitespace();
            attrs.add(new Attr(attrName, attributeValue(name, attrName), line(attrStart)));
        }
        List<Element> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int textStart = -1;
        while (true) {
            if (pos >= xml.length()) {
                throw error(start, name, "no end tag", "close it with </" + name + ">");
            }
            if (xml.startsWith("</", pos)) {
                int endStart = pos;
                pos += 2;
                String endName = name(name);
                skipWhitespace();
                if (!endName.equals(name) || pos >= xml.length() || xml.charAt(pos) != '>') {
                    throw error(endStart, name, "end tag </" + endName + "> does not match <" + name + ">",
                            "close it with </" + name + ">");
                }
                pos++;
                return new Element(name, line(start), attrs, children, text.toString(),
                        line(textStart < 0 ? start : textStart));
            }
            if (xml.startsWith("<!--", pos)) {
                comment();
            } else if (xml.startsWith("<![CDATA[", pos)) {
                int end = xml.indexOf("]]>", pos);
                if (end < 0) {
                    throw error(pos, name, "unterminated CDATA section", "end it with ]]>");
                }
                textStart = textStart < 0 ? pos : textStart;
                text.append(xml, pos + 9, end);
                pos = end + 3;
            } else if (xml.charAt(pos) == '<') {
                children.add(element());
            } else {
                int first = textPiece(name, text);
                textStart = textStart < 0 ? first : textStart;
            }
        }
    }

    /**
     * Reads text up to the next '<' into {@code text}; an expression that starts the element's text is read whole.
     *
     * @return the offset of the first non-blank character read, or -1 if all was blank
     */
    private int textPiece(String element, StringBuilder text) throws PolicyException {
        while (pos < xml.length() && Character.isWhitespace(xml.charAt(pos))) {
            text.append(xml.charAt(pos++));
        }
        if (pos >= xml.length() || xml.charAt(pos) == '<') {
            return -1;
        }
        int first = pos;
        if (text.toString().isBlank() && (xml.startsWith("@(", pos) || xml.startsWith("@{", pos))) {
            text.setLength(0);
            text.append(expression(element, '\0'));
            return first;
        }
        while (pos < xml.length() && xml.charAt(pos) != '<') {
            text.append(xml.charAt(pos) == '&' ? entity(element) : xml.charAt(pos++));
        }
        return first;
    }

    private String name(String construct) throws PolicyException {
        int start = pos;
        while (pos < xml.length()) {
            char c = xml.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':') {
                pos++;
            } else {
                break;
            }
        }
        if (pos == start) {
            throw error(start, construct, "name expected", "check the XML syntax");
        }
        return xml.substring(start, pos);
    }

    private String attributeValue(String element, String attr) throws PolicyException {
        if (pos >= xml.length() || xml.charAt(pos) != '"' && xml.charAt(pos) != '\'') {
            throw error(pos, element, "value of attribute '" + attr + "' is not quoted", "quote it");
        }
        char quote = xml.charAt(pos++);
        StringBuilder value = new StringBuilder();
        if (xml.startsWith("@(", pos) || xml.startsWith("@{", pos)) {
            int start = pos;
            value.append(expression(element, quote));
            if (pos >= xml.length() || xml.charAt(pos) != quote) {
                throw error(start, element, "attribute '" + attr + "' continues after its expression",
                        "put only the expression in the attribute, or build the whole value inside it");
            }
            pos++;
            return value.toString();
        }
        while (true) {
            if (pos >= xml.length()) {
                throw error(pos, element, "unterminated value of attribute '" + attr + "'", "close the quote");
            }
            char c = xml.charAt(pos);
            if (c == quote) {
                pos++;
                return value.toString();
            }
            if (c == '<') {
                throw error(pos, element, "'<' in the value of attribute '" + attr + "'", "write it as &lt;");
            }
            value.append(c == '&' ? entity(element) : xml.charAt(pos++));
        }
    }

    private char entity(String element) throws PolicyException {
        int[] length = new int[1];
        char c = decode(pos, length);
        if (length[0] == 0) {
            throw error(pos, element, "'&' that starts no entity", "write it as &amp;");
        }
        pos += length[0];
        return c;
    }

    // the character an entity at i stands for; length[0] = its length in the text, 0 if none
    private char decode(int i, int[] length) {
        int semi = xml.indexOf(';', i);
        length[0] = 0;
        if (xml.charAt(i) != '&' || semi < 0 || semi - i > 10) {
            return '&';
        }
        String name = xml.substring(i + 1, semi);
        char c;
        switch (name) {
            case "quot": c = '"'; break;
            case "amp": c = '&'; break;
            case "lt": c = '<'; break;
            case "gt": c = '>'; break;
            case "apos": c = '\''; break;
            default:
                try {
                    if (name.startsWith("#x")) {
                        c = (char) Integer.parseInt(name.substring(2), 16);
                    } else if (name.startsWith("#")) {
                        c = (char) Integer.parseInt(name.substring(1));
                    } else {
                        return '&';
                    }
                } catch (NumberFormatException e) {
                    return '&';
                }
        }
        length[0] = semi - i + 1;
        return c;
    }

    // ---------------------------------------------------------------- expressions in XML

    /**
     * Reads {@code @( ... )} or <code>@{ ... }</code> from pos, C#-aware, decoding entities. In an attribute
     * ({@code quote} != 0) the expression may contain the quote character itself inside C# string literals.
     */
    private String expression(String element, char quote) throws PolicyException {
        int start = pos;
        StringBuilder out = new StringBuilder();
        out.append(read()); // '@'
        char open = read();
        out.append(open);
        code(out, open == '(' ? ')' : '}', element, start);
        return out.toString();
    }

    // C# code up to the bracket that closes at depth 0
    private void code(StringBuilder out, char close, String element, int start) throws PolicyException {
        int depth = 0;
        while (true) {
            if (pos >= xml.length()) {
                throw error(start, element, "expression not closed with '" + close + "'",
                        "end the expression with " + close);
            }
            char c = read();
            out.append(c);
            if (depth == 0 && c == close) {
                return;
            }
            switch (c) {
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                case '"' -> string(out, false, false, element, start);
                case '\'' -> charLiteral(out, element, start);
                case '@', '$' -> prefixedString(out, c, element, start);
                case '/' -> comment(out);
                default -> {
                }
            }
        }
    }

    private void prefixedString(StringBuilder out, char first, String element, int start) throws PolicyException {
        char second = peekDecoded();
        if (second == '"') {
            out.append(read());
            string(out, first == '@', first == '$', element, start);
        } else if ((second == '@' || second == '$') && second != first && peekDecodedAt(2) == '"') {
            out.append(read()).append(read());
            string(out, true, true, element, start);
        }
    }

    private void string(StringBuilder out, boolean verbatim, boolean interpolated, String element, int start)
            throws PolicyException {
        while (true) {
            if (pos >= xml.length()) {
                throw error(start, element, "string literal in the expression not closed",
                        "close it with \", and close the expression's brackets before the attribute's own quote");
            }
            char c = read();
            out.append(c);
            if (c == '\\' && !verbatim) {
                out.append(read());
            } else if (c == '"') {
                if (verbatim && peekDecoded() == '"') {
                    out.append(read());
                } else {
                    return;
                }
            } else if (interpolated && c == '{') {
                if (peekDecoded() == '{') {
                    out.append(read());
                } else {
                    code(out, '}', element, start);
                }
            }
        }
    }

    private void charLiteral(StringBuilder out, String element, int start) throws PolicyException {
        while (true) {
            if (pos >= xml.length()) {
                throw error(start, element, "char literal in the expression not closed", "close it with '");
            }
            char c = read();
            out.append(c);
            if (c == '\\') {
                out.append(read());
            } else if (c == '\'') {
                return;
            }
        }
    }

    private void comment(StringBuilder out) {
        char next = peekDecoded();
        if (next == '/') {
            while (pos < xml.length() && xml.charAt(pos) != '\n') {
                out.append(read());
            }
        } else if (next == '*') {
            out.append(read());
            while (pos < xml.length()) {
                char c = read();
                out.append(c);
                if (c == '*' && peekDecoded() == '/') {
                    out.append(read());
                    return;
                }
            }
        }
    }

    private char read() {
        if (pos >= xml.length()) {
            return '\0';
        }
        int[] length = new int[1];
        char c = decode(pos, length);
        if (length[0] == 0) {
            return xml.charAt(pos++);
        }
        pos += length[0];
        return c;
    }

    private char peekDecoded() {
        return peekDecodedAt(1);
    }

    private char peekDecodedAt(int n) {
        int save = pos;
        char c = '\0';
        for (int i = 0; i < n && pos < xml.length(); i++) {
            c = read();
        }
        pos = save;
        return c;
    }
}
