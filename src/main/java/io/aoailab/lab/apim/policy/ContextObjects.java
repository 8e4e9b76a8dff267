package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.expr.CsValues;
import io.aoailab.lab.apim.expr.EvaluationException;
import io.aoailab.lab.apim.expr.HostObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@code context} object tree expressions see (docs/apim-gateway.md §3.1), as live views of a {@link PolicyContext}:
 * a header set by one policy is visible to the next expression.
 */
final class ContextObjects {

    private ContextObjects() {
    }

    static HostObject context(PolicyContext c) {
        return new Props("Context", name -> switch (name) {
            case "Request" -> request(c);
            case "Response" -> c.responseOrNull() == null ? null : response(c);
            case "Variables" -> new Variables(c.mutableVariables());
            case "RequestId" -> c.requestId();
            case "Timestamp" -> c.timestamp();
            case "Elapsed" -> c.elapsed();
            case "Subscription" -> c.identity().subscriptionId() == null ? null : new Props("Subscription",
                    n -> switch (n) {
                        case "Id" -> c.identity().subscriptionId();
                        case "Name" -> c.identity().subscriptionName();
                        default -> c.subscriptionKey();
                    });
            case "Product" -> c.identity().productId() == null ? null
                    : new Props("Product", n -> c.identity().productId());
            case "Api" -> new Props("Api", n -> switch (n) {
                case "Path" -> c.identity().apiPath();
                default -> c.identity().apiId(); // the lab's APIs have no display name apart from their id
            });
            case "Operation" -> new Props("Operation", n -> c.identity().operationId());
            case "Deployment" -> new Props("Deployment", n -> switch (n) {
                case "Region" -> c.identity().region();
                case "ServiceName" -> c.identity().serviceName();
                default -> "managed"; // GatewayId of the managed gateway (docs/apim-gateway.md §3.1)
            });
            case "LastError" -> c.lastErrorOrNull() == null ? null : lastError(c.lastErrorOrNull());
            default -> throw new IllegalArgumentException(name);
        });
    }

    private static HostObject request(PolicyContext c) {
        return new Props("Request", name -> switch (name) {
            case "Method" -> c.original().method();
            case "Url" -> url(c.url());
            case "OriginalUrl" -> url(c.original().originalUrl());
            case "Headers" -> new Headers(c.requestHeaders());
            case "Body" -> c.requestBody().length == 0 ? null : new Body(c::requestBody, b -> c.requestBody(b));
            case "IpAddress" -> c.original().ipAddress();
            case "MatchedParameters" -> new Parameters(single(c.original().matchedParameters()));
            default -> throw new IllegalArgumentException(name);
        });
    }

    private static HostObject response(PolicyContext c) {
        return new Props("Response", name -> {
            GatewayResponse r = c.responseOrNull();
            return switch (name) {
                case "StatusCode" -> r.statusCode();
                case "StatusReason" -> r.statusReason();
                case "Headers" -> new Headers(r.headers());
                case "Body" -> r.body() == null || r.body().length == 0 ? null : new Body(
                        () -> c.responseOrNull().body(), b -> {
                            GatewayResponse now = c.responseOrNull();
                            c.response(new GatewayResponse(now.statusCode(), now.statusReason(), now.headers(), b));
                        });
                default -> throw new IllegalArgumentException(name);
            };
        });
    }

    private static HostObject lastError(PolicyContext.LastError e) {
        return new Props("LastError", name -> switch (name) {
            case "Source" -> e.source();
            case "Reason" -> e.reason();
            case "Message" -> e.message();
            case "Scope" -> e.scope();
            case "Section" -> e.section();
            case "Path" -> e.path();
            default -> e.policyId();
        });
    }

    static HostObject url(URI uri) {
        return new Props("Url", name -> switch (name) {
            case "Host" -> uri.getHost();
            case "Path" -> uri.getRawPath();
            case "Port" -> uri.getPort() >= 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
            case "Scheme" -> uri.getScheme();
            // IUrl.QueryString carries its leading '?' (INFERRED: it is appended to Path to rebuild the URL)
            case "QueryString" -> uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            case "Query" -> new Parameters(query(uri));
            default -> throw new IllegalArgumentException(name);
        }) {
            @Override
            public Object call(String name, List<String> typeArgs, List<Object> args, Map<String, Object> named) {
                return uri.toString(); // ToString(), the only method the checker lets through
            }
        };
    }

    private static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        return params;
    }

    private static Map<String, List<String>> single(Map<String, String> values) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> map.put(k, List.of(v)));
        }
        return map;
    }

    private static EvaluationException keyNotFound(Object key) {
        return new EvaluationException("The given key '" + CsValues.toDisplayString(key)
                + "' was not present in the dictionary.");
    }

    /** A host object of properties only, resolved by name on each read. */
    private static class Props implements HostObject {
        private final String type;
        private final java.util.function.Function<String, Object> properties;

        Props(String type, java.util.function.Function<String, Object> properties) {
            this.type = type;
            this.properties = properties;
        }

        @Override
        public String typeName() {
            return type;
        }

        @Override
        public Object member(String name) {
            return properties.apply(name);
        }

        @Override
        public String toString() {
            return "Microsoft.Azure.ApiManagement.Proxy.Gateway.I" + type;
        }
    }

    /** {@code Headers}: case-insensitive, values comma-joined by GetValueOrDefault, string[] by the indexer. */
    private record Headers(HeaderMap map) implements HostObject {
        @Override
        public String typeName() {
            return "Headers";
        }

        @Override
        public Object member(String name) throws EvaluationException {
            throw new EvaluationException("'Headers' does not contain a definition for '" + name + "'.");
        }

        @Override
        public Object call(String name, List<String> typeArgs, List<Object> args, Map<String, Object> named)
                throws EvaluationException {
            String key = key(args.get(0));
            if (name.equals("ContainsKey")) {
                return map.contains(key);
            }
            return map.joined(key).orElse(args.size() > 1 ? (String) stringOrNull(args.get(1)) : null);
        }

        @Override
        public Object index(Object key) throws EvaluationException {
            String k = key(key);
            if (!map.contains(k)) {
                throw keyNotFound(k);
            }
            return map.values(k).toArray(new String[0]);
        }
    }

    /** {@code MatchedParameters} and {@code Url.Query}. */
    private record Parameters(Map<String, List<String>> values) implements HostObject {
        @Override
        public String typeName() {
            return "Parameters";
        }

        @Override
        public Object member(String name) throws EvaluationException {
            throw new EvaluationException("'Parameters' does not contain a definition for '" + name + "'.");
        }

        @Override
        public Object call(String name, List<String> typeArgs, List<Object> args, Map<String, Object> named)
                throws EvaluationException {
            String key = key(args.get(0));
            List<String> found = lookup(key);
            if (name.equals("ContainsKey")) {
                return found != null;
            }
            return found != null ? String.join(",", found) : args.size() > 1 ? stringOrNull(args.get(1)) : null;
        }

        @Override
        public Object index(Object key) throws EvaluationException {
            List<String> found = lookup(key(key));
            if (found == null) {
                throw keyNotFound(key);
            }
            return String.join(",", found);
        }

        private List<String> lookup(String key) {
            return values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    /** {@code context.Variables}: GetValueOrDefault&lt;T&gt; throws on a type mismatch, as APIM's does. */
    private record Variables(Map<String, Object> values) implements HostObject {
        @Override
        public String typeName() {
            return "Variables";
        }

        @Override
        public Object member(String name) throws EvaluationException {
            throw new EvaluationException("'Variables' does not contain a definition for '" + name + "'.");
        }

        @Override
        public Object call(String name, List<String> typeArgs, List<Object> args, Map<String, Object> named)
                throws EvaluationException {
            String key = key(args.get(0));
            if (name.equals("ContainsKey")) {
                return values.containsKey(key);
            }
            Object fallback = args.size() > 1 ? args.get(1) : null;
            String type = !typeArgs.isEmpty() ? typeArgs.get(0) : fallback == null ? "object"
                    : switch (CsValues.typeName(fallback)) {
                        case "System.String" -> "string";
                        case "System.Int32" -> "int";
                        case "System.Int64" -> "long";
                        case "System.Double" -> "double";
                        case "System.Boolean" -> "bool";
                        default -> "object";
                    };
            if (!values.containsKey(key)) {
                return args.size() > 1 ? fallback : CsValues.defaultOf(type);
            }
            Object value = values.get(key);
            if (value != null && !CsValues.isOfType(value, type)) {
                throw new EvaluationException("Unable to cast object of type '" + CsValues.typeName(value)
                        + "' to type '" + CsValues.netName(type) + "'.");
            }
            return value;
        }

        @Override
        public Object index(Object key) throws EvaluationException {
            String k = key(key);
            if (!values.containsKey(k)) {
                throw keyNotFound(k);
            }
            return values.get(k);
        }
    }

    /**
     * {@code IMessageBody}: {@code As<T>(preserveContent)}. Without {@code preserveContent: true} reading consumes the
     * body, so what is forwarded or returned afterwards is empty unless a set-body restores it (docs/apim-gateway.md §3.1).
     */
    private record Body(Supplier<byte[]> bytes, Consumer<byte[]> replace) implements HostObject {
        @Override
        public String typeName() {
            return "Body";
        }

        @Override
        public Object member(String name) throws EvaluationException {
            throw new EvaluationException("'Body' does not contain a definition for '" + name + "'.");
        }

        @Override
        public Object call(String name, List<String> typeArgs, List<Object> args, Map<String, Object> named)
                throws EvaluationException {
            Object preserve = named.containsKey("preserveContent") ? named.get("preserveContent")
                    : args.isEmpty() ? Boolean.FALSE : args.get(0);
            if (!(preserve instanceof Boolean keep)) {
                throw new EvaluationException("Argument 1: cannot convert from '" + CsValues.typeName(preserve)
                        + "' to 'bool'.");
            }
            String text = new String(bytes.get(), StandardCharsets.UTF_8);
            if (!keep) {
                replace.accept(new byte[0]);
            }
            String type = typeArgs.get(0);
            return type.equals("string") ? text : CsValues.parseJson(text, type);
        }
    }

    private static String key(Object key) throws EvaluationException {
        if (key == null) {
            throw new EvaluationException("Value cannot be null. (Parameter 'key')");
        }
        if (!(key instanceof String s)) {
            throw new EvaluationException("Argument 1: cannot convert from '" + CsValues.typeName(key)
                    + "' to 'string'.");
        }
        return s;
    }

    private static Object stringOrNull(Object v) throws EvaluationException {
        if (v == null || v instanceof String) {
            return v;
        }
        throw new EvaluationException("Argument 2: cannot convert from '" + CsValues.typeName(v) + "' to 'string'.");
    }
}
