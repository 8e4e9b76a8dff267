package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.expr.Expression;
import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code set-header name exists-action} with {@code <value>} children (docs/apim-gateway.md §2.5). In inbound and backend it
 * changes the request to be forwarded; in outbound and on-error the response to the client; inside return-response the
 * response being built. Several values are joined with commas into one, except for the headers APIM keeps as separate
 * values (dates, cookies, User-Agent, ...).
 */
final class SetHeader extends Step {
    private static final Set<String> KEPT_SEPARATE = Set.of("user-agent", "www-authenticate", "proxy-authenticate",
            "cookie", "set-cookie", "warning", "date", "expires", "if-modified-since", "if-unmodified-since",
            "last-modified", "retry-after");
    private static final Set<String> PROTECTED = Set.of("connection", "content-length", "keep-alive",
            "transfer-encoding");

    private final Value name;
    private final String action;
    private final List<Value> values;

    private SetHeader(Origin origin, Value name, String action, List<Value> values) {
        super(origin);
        this.name = name;
        this.action = action;
        this.values = values;
    }

    static SetHeader load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "name", "exists-action");
        Value name = attrs.value("name", true);
        String action = attrs.literal("exists-action", false);
        action = action == null ? "override" : action.trim().toLowerCase(Locale.ROOT);
        if (!Set.of("override", "skip", "append", "delete").contains(action)) {
            throw attrs.error("exists-action", "exists-action '" + action + "' is not one of override, skip, append, "
                    + "delete", "use one of them");
        }
        if (name.isLiteral()) {
            String n = name.literalText().trim().toLowerCase(Locale.ROOT);
            if (PROTECTED.contains(n) || n.equals("server") && action.equals("delete")) {
                throw attrs.error("name", "header '" + name.literalText() + "' cannot be "
                        + (action.equals("delete") ? "removed" : "modified") + " by set-header (docs/apim-gateway.md §2.5)",
                        "remove this set-header");
            }
        }
        List<Value> values = new ArrayList<>();
        if (!element.text().isBlank()) {
            throw loader.error(element.textLine(), element.name(), "text outside <value>",
                    "put each value in a <value> element");
        }
        for (Element child : element.children()) {
            if (!child.name().equals("value")) {
                throw loader.error(child.line(), element.name(), "unexpected child element <" + child.name() + ">",
                        "use <value> children only");
            }
            new Attrs(child, loader).noChildrenButText(loader);
            values.add(text(child, loader, "value"));
        }
        if (action.equals("delete") && !values.isEmpty()) {
            throw loader.error(element.line(), element.name(), "exists-action=\"delete\" takes no <value>",
                    "remove the <value> elements");
        }
        return new SetHeader(origin, name, action, values);
    }

    /** An element's text as a value: an expression if it starts with @( or @{, else the literal text. */
    static Value text(Element element, Loader loader, String what) throws PolicyException {
        String text = element.text().trim();
        if (Expression.isExpression(text)) {
            return Value.expression(loader.expression(text, element.textLine()), what);
        }
        return Value.literal(text, what);
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        HeaderMap target = ex.section.changesRequest() ? ex.context.requestHeaders() : ex.responseForWrite().headers();
        applyTo(target, ex);
    }

    void applyTo(HeaderMap headers, Execution ex) throws PolicyFault {
        String header = name.string(ex, this).trim();
        if (header.isEmpty()) {
            throw fault("ExpressionValueEvaluationFailure", "Expression evaluation failed. Header name is empty.",
                    null);
        }
        if (action.equals("delete")) {
            headers.remove(header);
            return;
        }
        if (action.equals("skip") && headers.contains(header)) {
            return;
        }
        List<String> evaluated = new ArrayList<>();
        for (Value v : values) {
            String text = v.string(ex, this);
            if (text.isEmpty()) {
                // the gateway refuses an empty header value (field report, docs/apim-gateway.md §3.2 item 2)
                throw fault("ExpressionValueEvaluationFailure", "Header can't have empty value.", null);
            }
            evaluated.add(text);
        }
        boolean separate = KEPT_SEPARATE.contains(header.toLowerCase(Locale.ROOT));
        List<String> result = new ArrayList<>();
        if (action.equals("append")) {
            result.addAll(headers.values(header));
        }
        result.addAll(evaluated);
        if (!separate && result.size() > 1) {
            result = List.of(String.join(",", result));
        }
        headers.set(header, result);
    }
}
