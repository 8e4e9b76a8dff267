package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code azure-openai-emit-token-metric} and {@code llm-emit-token-metric} (docs/apim-gateway.md §2.9): once the backend
 * answered, sends "Total Tokens", "Prompt Tokens" and "Completion Tokens" from the response's {@code usage} (estimated
 * for a stream without usage) to {@link GatewayServices#emitMetric}, under {@code namespace} (default
 * "API Management") with the {@code <dimension name value>} values, evaluated when the policy runs. A dimension may
 * leave out {@code value} only for the default dimensions; the azure-openai variant takes at most 10 dimensions, the
 * llm variant 5. Nothing is emitted when no response reports usage. A streamed answer is not held back for it: its
 * metrics are emitted once the stream has passed through the gateway (estimated, unless its last event reports usage).
 */
final class EmitTokenMetric extends Step {
    private static final Map<String, String> DEFAULT_DIMENSIONS = Map.of("API ID", "api", "Operation ID", "operation",
            "Product ID", "product", "User ID", "user", "Subscription ID", "subscription", "Location", "location",
            "Gateway ID", "gateway");

    private final String namespace;
    private final Map<String, Value> dimensions;

    private EmitTokenMetric(Origin origin, String namespace, Map<String, Value> dimensions) {
        super(origin);
        this.namespace = namespace;
        this.dimensions = dimensions;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "namespace");
        String namespace = attrs.literal("namespace", false);
        int max = origin.name().startsWith("llm") ? 5 : 10;
        Map<String, Value> dimensions = new LinkedHashMap<>();
        for (Element child : element.children()) {
            if (!child.name().equals("dimension")) {
                throw loader.error(child.line(), element.name(), "unexpected child element <" + child.name() + ">",
                        "use <dimension name=\"...\" value=\"...\"/> only");
            }
            Attrs d = new Attrs(child, loader, "name", "value");
            d.noChildren();
            String name = d.literal("name", true);
            Value value = d.value("value", false);
            if (value == null && !DEFAULT_DIMENSIONS.containsKey(name)) {
                throw loader.error(d.line("name"), element.name(), "dimension '" + name + "' has no value and is not "
                        + "a default dimension",
                        "add value=\"...\", or use one of " + String.join(", ",
                                new java.util.TreeSet<>(DEFAULT_DIMENSIONS.keySet())));
            }
            if (dimensions.containsKey(name)) {
                throw loader.error(d.line("name"), element.name(), "dimension '" + name + "' given twice",
                        "keep one");
            }
            dimensions.put(name, value);
        }
        if (dimensions.isEmpty()) {
            throw loader.error(element.line(), element.name(), "at least one <dimension> is required",
                    "add <dimension name=\"API ID\"/>");
        }
        if (dimensions.size() > max) {
            throw loader.error(element.line(), element.name(), dimensions.size() + " dimensions, more than the "
                    + max + " allowed", "keep at most " + max);
        }
        return new EmitTokenMetric(origin, namespace == null ? "API Management" : namespace, dimensions);
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Value> d : dimensions.entrySet()) {
            values.put(d.getKey(), d.getValue() != null ? d.getValue().string(ex, this) : defaultValue(ex, d.getKey()));
        }
        long prompt = TokenUsage.isStreaming(ex.context.requestBody())
                ? TokenUsage.estimatePrompt(ex.context.requestBody()) : 0;
        ex.completions.add(new Execution.Completion() {
            private TokenUsage.Usage usage;

            @Override
            public void afterBackend(Execution e) {
                GatewayResponse response = e.context.responseOrNull();
                if (TokenUsage.watchAsStream(response, e.context.requestBody())) {
                    // a stream passes through unread: its metrics are emitted once it has ended
                    HeaderMap headers = response.headers();
                    response.stream().orElseThrow().onEnd(body ->
                            TokenUsage.of(headers, body, prompt).ifPresent(u -> emit(e.services, u, values)));
                    return;
                }
                usage = TokenUsage.of(response, prompt).orElse(null);
            }

            @Override
            public void finish(Execution e, GatewayResponse answer) {
                if (usage != null) {
                    emit(e.services, usage, values);
                }
            }
        });
    }

    private void emit(GatewayServices services, TokenUsage.Usage usage, Map<String, String> values) {
        services.emitMetric(namespace, "Total Tokens", usage.total(), values);
        services.emitMetric(namespace, "Prompt Tokens", usage.prompt(), values);
        services.emitMetric(namespace, "Completion Tokens", usage.completion(), values);
    }

    private static String defaultValue(Execution ex, String dimension) {
        GatewayIdentity id = ex.context.identity();
        String v = switch (DEFAULT_DIMENSIONS.get(dimension)) {
            case "api" -> id.apiId();
            case "operation" -> id.operationId();
            case "product" -> id.productId();
            case "subscription" -> id.subscriptionId();
            case "location" -> id.region();
            case "gateway" -> "managed";
            default -> null; // the lab has no users (developer portal accounts)
        };
        return v == null ? "" : v;
    }
}
