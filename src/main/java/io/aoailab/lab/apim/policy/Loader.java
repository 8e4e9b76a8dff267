package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.expr.Expression;
import io.aoailab.lab.apim.expr.ExpressionException;
import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a policy document into steps, refusing anything the lab would not run faithfully: unknown or unsupported
 * elements, unknown attributes, elements outside the sections APIM allows them in (docs/apim-gateway.md §2), and policy
 * expressions outside the supported C# subset (§3.1). Nothing is ignored.
 */
final class Loader {

    /** A supported element: where APIM allows it, and how to load it. */
    private record Kind(Set<Section> sections, Factory factory) {
    }

    @FunctionalInterface
    interface Factory {
        Step load(Element element, Loader loader, Step.Origin origin) throws PolicyException;
    }

    private static final Set<Section> ALL = EnumSet.allOf(Section.class);
    private static final Set<Section> INBOUND = EnumSet.of(Section.INBOUND);
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("base", new Kind(ALL, Base::load)),
            Map.entry("set-backend-service", new Kind(EnumSet.of(Section.INBOUND, Section.BACKEND),
                    SetBackendService::load)),
            Map.entry("authentication-managed-identity", new Kind(INBOUND, ManagedIdentity::load)),
            Map.entry("set-header", new Kind(ALL, SetHeader::load)),
            Map.entry("set-variable", new Kind(ALL, SetVariable::load)),
            Map.entry("choose", new Kind(ALL, Choose::load)),
            Map.entry("retry", new Kind(ALL, Retry::load)),
            Map.entry("forward-request", new Kind(EnumSet.of(Section.BACKEND), ForwardRequest::load)),
            Map.entry("return-response", new Kind(ALL, ReturnResponse::load)),
            Map.entry("set-status", new Kind(ALL, SetStatus::load)),
            // set-body: inbound, outbound, backend (set-body policy reference, "Usage")
            Map.entry("set-body", new Kind(EnumSet.of(Section.INBOUND, Section.BACKEND, Section.OUTBOUND),
                    SetBody::load)),
            Map.entry("rate-limit-by-key", new Kind(INBOUND, RateLimitByKey::load)),
            Map.entry("azure-openai-token-limit", new Kind(INBOUND, TokenLimit::load)),
            Map.entry("llm-token-limit", new Kind(INBOUND, TokenLimit::load)),
            Map.entry("azure-openai-emit-token-metric", new Kind(INBOUND, EmitTokenMetric::load)),
            Map.entry("llm-emit-token-metric", new Kind(INBOUND, EmitTokenMetric::load)),
            // cache-*-value: inbound, outbound, backend, on-error (cache-lookup-value policy reference, "Usage")
            Map.entry("cache-store-value", new Kind(ALL, CacheSteps::store)),
            Map.entry("cache-lookup-value", new Kind(ALL, CacheSteps::lookup)),
            Map.entry("cache-remove-value", new Kind(ALL, CacheSteps::remove)));

    // APIM policies the lab knows of but does not run: named as such, so the message is not "unknown"
    private static final Set<String> APIM_ONLY = Set.of("send-request", "send-one-way-request", "log-to-eventhub",
            "validate-jwt", "validate-azure-ad-token", "check-header", "ip-filter", "quota", "quota-by-key",
            "rate-limit", "limit-concurrency", "mock-response", "set-method", "rewrite-uri", "set-query-parameter",
            "find-and-replace", "json-to-xml", "xml-to-json", "cors", "cache-lookup", "cache-store", "trace", "wait",
            "include-fragment", "emit-metric", "authentication-basic", "authentication-certificate", "proxy",
            "get-authorization-context", "llm-content-safety", "azure-openai-semantic-cache-lookup",
            "azure-openai-semantic-cache-store", "llm-semantic-cache-lookup", "llm-semantic-cache-store",
            "validate-content", "validate-headers", "validate-parameters", "validate-status-code", "publish-to-dapr",
            "invoke-dapr-binding", "set-backend-service-fabric", "jsonp", "redirect-content-urls", "xsl-transform",
            "set-graphql-resolver", "validate-graphql-request", "validate-client-certificate", "sql-data-source",
            "http-data-source", "cosmosdb-data-source", "publish-event", "llm-semantic-cache", "emit-token-metric");

    final String source;
    private final PolicyXml.Element root;

    Loader(String source, PolicyXml.Element root) {
        this.source = source;
        this.root = root;
    }

    Map<Section, List<Step>> load() throws PolicyException {
        if (!root.name().equals("policies")) {
            throw error(root.line(), root.name(), "the root element must be <policies>",
                    "wrap the sections in <policies>...</policies>");
        }
        if (!root.attrs().isEmpty()) {
            throw error(root.line(), "policies", "unknown attribute '" + root.attrs().get(0).name() + "'",
                    "remove it");
        }
        requireNoText(root);
        Map<Section, List<Step>> sections = new EnumMap<>(Section.class);
        for (Element child : root.children()) {
            Section section = Section.of(child.name());
            if (section == null) {
                throw error(child.line(), child.name(), "not a policy section",
                        "use <inbound>, <backend>, <outbound> and <on-error> directly under <policies>");
            }
            if (sections.containsKey(section)) {
                throw error(child.line(), child.name(), "section given twice", "merge the two into one");
            }
            if (!child.attrs().isEmpty()) {
                throw error(child.line(), child.name(), "unknown attribute '" + child.attrs().get(0).name() + "'",
                        "remove it");
            }
            sections.put(section, steps(child, section, ""));
        }
        requireOneForwardRequest(root);
        return sections;
    }

    /**
     * APIM takes one {@code forward-request} per policy document ("Multiple statements per policy document: not
     * supported", docs/apim-gateway.md §2.3); a document with two is refused by APIM, so the lab refuses it too.
     */
    private void requireOneForwardRequest(Element parent) throws PolicyException {
        List<Element> forwards = new ArrayList<>();
        collect(parent, "forward-request", forwards);
        if (forwards.size() > 1) {
            throw error(forwards.get(1).line(), "forward-request", "a second forward-request in the document (the first"
                    + " is on line " + forwards.get(0).line() + "); APIM allows one per policy document",
                    "keep one forward-request, e.g. inside one <retry> whose condition decides whether to try again,"
                            + " with a <choose> around set-backend-service to pick the backend");
        }
    }

    private static void collect(Element parent, String name, List<Element> found) {
        for (Element child : parent.children()) {
            if (child.name().equals(name)) {
                found.add(child);
            }
            collect(child, name, found);
        }
    }

    /** The child elements of {@code parent} as steps, with paths under {@code prefix}. */
    List<Step> steps(Element parent, Section section, String prefix) throws PolicyException {
        requireNoText(parent);
        List<Step> steps = new ArrayList<>();
        int index = 0;
        for (Element child : parent.children()) {
            index++;
            String path = prefix + child.name() + "[" + index + "]";
            steps.add(step(child, section, path));
        }
        return steps;
    }

    private Step step(Element element, Section section, String path) throws PolicyException {
        String name = element.name();
        Kind kind = KINDS.get(name);
        if (kind == null) {
            String problem = APIM_ONLY.contains(name) ? "policy '" + name + "' is not supported by the lab"
                    : "unknown policy element";
            throw error(element.line(), name, problem, "remove it, or use one of " + String.join(", ",
                    new TreeSet<>(KINDS.keySet())) + " (docs/apim-gateway.md §2)");
        }
        if (!kind.sections().contains(section)) {
            List<String> allowed = kind.sections().stream().map(s -> "<" + s.xmlName + ">").toList();
            throw error(element.line(), name, "not allowed in section '" + section.xmlName + "'",
                    "move it to " + String.join(" or ", allowed));
        }
        PolicyXml.Attr id = element.attr("id");
        Step.Origin origin = new Step.Origin(name, id == null ? "" : id.value(), path, element.line(), section);
        return kind.factory().load(element, this, origin);
    }

    private void requireNoText(Element element) throws PolicyException {
        if (!element.text().isBlank()) {
            throw error(element.textLine(), element.name(), "unexpected text '" + snippet(element.text().trim()) + "'",
                    "remove it; only child elements belong here");
        }
    }

    PolicyException error(int line, String construct, String problem, String fix) {
        return new PolicyException(source, line, construct, problem, fix);
    }

    /** Compiles an expression found at {@code line}, reporting the line of the offending construct inside it. */
    Expression expression(String text, int line) throws PolicyException {
        try {
            return Expression.parse(text);
        } catch (ExpressionException e) {
            int offset = Math.min(Math.max(e.offset(), 0), text.length());
            int at = line + (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
            throw new PolicyException(source, at, "expression '" + snippet(text) + "'", e.problem(), e.fix());
        }
    }

    static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
