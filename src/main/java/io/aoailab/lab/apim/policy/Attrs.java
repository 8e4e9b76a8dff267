package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.expr.Expression;
import io.aoailab.lab.apim.policy.PolicyXml.Attr;
import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads one element's attributes the way its APIM reference defines them: only the listed names (plus {@code id},
 * which every policy takes), required ones present, expressions only where the reference allows them.
 */
final class Attrs {
    private final Element element;
    private final Loader loader;

    Attrs(Element element, Loader loader, String... allowed) throws PolicyException {
        this.element = element;
        this.loader = loader;
        List<String> names = new ArrayList<>(List.of(allowed));
        names.add("id");
        for (Attr attr : element.attrs()) {
            if (!names.contains(attr.name())) {
                throw loader.error(attr.line(), element.name(), "unknown attribute '" + attr.name() + "'",
                        "use " + (names.size() == 1 ? "no attribute but id" : "one of "
                                + String.join(", ", new TreeSet<>(names))));
            }
        }
    }

    boolean has(String name) {
        return element.attr(name) != null;
    }

    int line(String name) {
        Attr attr = element.attr(name);
        return attr == null ? element.line() : attr.line();
    }

    PolicyException error(String name, String problem, String fix) {
        return loader.error(line(name), element.name(), problem, fix);
    }

    /** A value that may be an expression; null if absent and not required. */
    Value value(String name, boolean required) throws PolicyException {
        Attr attr = element.attr(name);
        if (attr == null) {
            if (required) {
                throw error(name, "attribute '" + name + "' is required", "add " + name + "=\"...\"");
            }
            return null;
        }
        if (Expression.isExpression(attr.value())) {
            return Value.expression(loader.expression(attr.value(), attr.line()), name);
        }
        return Value.literal(attr.value(), name);
    }

    /** A value that must be literal ("Policy expressions aren't allowed" in its reference); null if absent. */
    String literal(String name, boolean required) throws PolicyException {
        Attr attr = element.attr(name);
        if (attr == null) {
            if (required) {
                throw error(name, "attribute '" + name + "' is required", "add " + name + "=\"...\"");
            }
            return null;
        }
        if (Expression.isExpression(attr.value())) {
            throw error(name, "attribute '" + name + "' does not accept policy expressions",
                    "write a literal value");
        }
        return attr.value();
    }

    boolean literalBool(String name, boolean fallback) throws PolicyException {
        String text = literal(name, false);
        if (text == null) {
            return fallback;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw error(name, "attribute '" + name + "' must be true or false, not '" + text + "'",
                    "write true or false");
        }
        return t.equals("true");
    }

    /** An integer-valued attribute, checked against its range when literal. */
    Value integer(String name, boolean required, long min, long max) throws PolicyException {
        Value v = value(name, required);
        if (v != null && v.isLiteral()) {
            long n;
            try {
                n = Long.parseLong(v.literalText().trim());
            } catch (NumberFormatException e) {
                throw error(name, "attribute '" + name + "' must be a whole number, not '" + v.literalText() + "'",
                        "write a number");
            }
            if (n < min || n > max) {
                throw error(name, "attribute '" + name + "' must be between " + min + " and " + max + ", not " + n,
                        "choose a value in range");
            }
        }
        return v;
    }

    /** A boolean attribute that may be an expression: a literal must be true or false. */
    Value bool(String name, boolean required) throws PolicyException {
        Value v = value(name, required);
        if (v != null && v.isLiteral()) {
            String t = v.literalText().trim().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw error(name, "attribute '" + name + "' must be true, false or an expression, not '"
                        + v.literalText() + "'", "write true, false or @(...)");
            }
        }
        return v;
    }

    /** An element whose content is text only (a value, a body). */
    void noChildrenButText(Loader loader) throws PolicyException {
        if (!element.children().isEmpty()) {
            Element child = element.children().get(0);
            throw loader.error(child.line(), element.name(), "unexpected child element <" + child.name() + ">",
                    "remove it");
        }
    }

    void noChildren() throws PolicyException {
        if (!element.children().isEmpty()) {
            Element child = element.children().get(0);
            throw loader.error(child.line(), element.name(), "unexpected child element <" + child.name() + ">",
                    "remove it");
        }
        if (!element.text().isBlank()) {
            throw loader.error(element.textLine(), element.name(), "unexpected text", "remove it");
        }
    }
}
