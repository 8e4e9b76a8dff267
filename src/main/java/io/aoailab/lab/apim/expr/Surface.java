package io.aoailab.lab.apim.expr;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the lab's C# subset knows, by static type: each type's properties (with their types) and methods (with their
 * return type and argument count). The checker rejects at load time any member not listed here; the runtime
 * ({@link Members}, {@link Statics}, host objects) implements exactly these. The {@code context} types follow APIM's
 * context surface (docs/apim-gateway.md §3.1).
 *
 * <p>Type names: C# keywords ({@code string}, {@code int}, ...), {@code object} for "known only at run time",
 * Newtonsoft's {@code JObject}/{@code JArray}/{@code JToken}, and the context's own (e.g. {@code Request}).
 * A method return type {@code T} means the call's type argument (or, for {@code GetValueOrDefault}, the default's).
 */
final class Surface {

    record Method(String returns, int minArgs, int maxArgs, Set<String> typeArgs) {
        boolean generic() {
            return !typeArgs.isEmpty();
        }
    }

    static final int MANY = Integer.MAX_VALUE;

    /** Types a cast, {@code is}/{@code as}, or a declaration may name. */
    static final Set<String> VALUE_TYPES = Set.of("string", "int", "long", "double", "bool", "object", "JObject",
            "JArray", "JToken", "Guid", "DateTime", "TimeSpan", "string[]", "char");

    /** Type arguments of {@code Body.As<T>} (docs/apim-gateway.md §3.1), minus byte[] and the XML types. */
    static final Set<String> BODY_TYPES = Set.of("string", "JObject", "JToken", "JArray");

    static final Set<String> VARIABLE_TYPES = Set.of("string", "int", "long", "double", "bool", "object", "JObject",
            "JArray", "JToken", "Guid", "DateTime", "TimeSpan", "string[]");

    static final Set<String> JSON_VALUE_TYPES = Set.of("string", "int", "long", "double", "bool", "JObject",
            "JArray", "JToken");

    private static final Map<String, Map<String, String>> PROPERTIES = new HashMap<>();
    private static final Map<String, Map<String, Method>> METHODS = new HashMap<>();
    /** Types whose values can be indexed, and what the indexer returns. */
    private static final Map<String, String> INDEXERS = new HashMap<>();
    private static final Set<String> ALL_PROPERTIES = new HashSet<>();
    private static final Set<String> ALL_METHODS = new HashSet<>();

    static {
        // ---- APIM's context (docs/apim-gateway.md §3.1)
        props("Context", "Request", "Request", "Response", "Response", "Variables", "Variables", "RequestId", "Guid",
                "Timestamp", "DateTime", "Elapsed", "TimeSpan", "Subscription", "Subscription", "Product", "Product",
                "Api", "Api", "Operation", "Operation", "Deployment", "Deployment", "LastError", "LastError");
        props("Request", "Method", "string", "Url", "Url", "OriginalUrl", "Url", "Headers", "Headers", "Body", "Body",
                "IpAddress", "string", "MatchedParameters", "Parameters");
        props("Response", "StatusCode", "int", "StatusReason", "string", "Headers", "Headers", "Body", "Body");
        props("Url", "Host", "string", "Path", "string", "Port", "int", "Query", "Parameters", "QueryString", "string",
                "Scheme", "string");
        method("Url", "ToString", "string", 0, 0);
        method("Headers", "GetValueOrDefault", "string", 1, 2);
        method("Headers", "ContainsKey", "bool", 1, 1);
        INDEXERS.put("Headers", "string[]");
        method("Parameters", "GetValueOrDefault", "string", 1, 2);
        method("Parameters", "ContainsKey", "bool", 1, 1);
        INDEXERS.put("Parameters", "string");
        method("Body", "As", "T", 0, 1, BODY_TYPES);
        method("Variables", "GetValueOrDefault", "T", 1, 2, VARIABLE_TYPES);
        method("Variables", "ContainsKey", "bool", 1, 1);
        INDEXERS.put("Variables", "object");
        props("Subscription", "Id", "string", "Name", "string", "Key", "string");
        props("Product", "Id", "string");
        props("Api", "Id", "string", "Path", "string", "Name", "string");
        props("Operation", "Id", "string");
        props("Deployment", "Region", "string", "ServiceName", "string", "GatewayId", "string");
        props("LastError", "Source", "string", "Reason", "string", "Message", "string", "Scope", "string", "Section",
                "string", "Path", "string", "PolicyId", "string");

        // ---- .NET values
        props("string", "Length", "int");
        for (String m : new String[] {"Contains", "StartsWith", "EndsWith", "Equals"}) {
            method("string", m, "bool", 1, 2);
        }
        for (String m : new String[] {"ToLower", "ToUpper", "ToLowerInvariant", "ToUpperInvariant", "ToString"}) {
            method("string", m, "string", 0, 0);
        }
        for (String m : new String[] {"Trim", "TrimStart", "TrimEnd"}) {
            method("string", m, "string", 0, MANY);
        }
        method("string", "Split", "string[]", 1, MANY);
        method("string", "Substring", "string", 1, 2);
        method("string", "Replace", "string", 2, 2);
        method("string", "IndexOf", "int", 1, 2);
        method("string", "LastIndexOf", "int", 1, 2);
        INDEXERS.put("string", "char");
        props("string[]", "Length", "int");
        INDEXERS.put("string[]", "string");
        method("char", "ToString", "string", 0, 0);
        for (String t : new String[] {"int", "long", "double", "bool"}) {
            method(t, "ToString", "string", 0, 0);
            method(t, "Equals", "bool", 1, 1);
        }
        method("Guid", "ToString", "string", 0, 1);
        method("DateTime", "ToString", "string", 0, 1);
        for (String m : new String[] {"AddMilliseconds", "AddSeconds", "AddMinutes", "AddHours", "AddDays"}) {
            method("DateTime", m, "DateTime", 1, 1);
        }
        props("DateTime", "Year", "int", "Month", "int", "Day", "int", "Hour", "int", "Minute", "int", "Second", "int");
        props("TimeSpan", "TotalMilliseconds", "double", "TotalSeconds", "double", "TotalMinutes", "double",
                "Milliseconds", "int", "Seconds", "int", "Minutes", "int");
        method("TimeSpan", "ToString", "string", 0, 0);
        for (String t : new String[] {"JObject", "JArray", "JToken"}) {
            method(t, "ToString", "string", 0, 1);
            method(t, "Value", "T", 1, 1, JSON_VALUE_TYPES);
            props(t, "Count", "int");
            INDEXERS.put(t, "JToken");
        }
        method("JObject", "ContainsKey", "bool", 1, 1);
        method("JObject", "Remove", "bool", 1, 1);
        method("JToken", "ContainsKey", "bool", 1, 1);
        method("JToken", "Remove", "bool", 1, 1);

        // ---- static classes (receivers named by type)
        method("static string", "IsNullOrEmpty", "bool", 1, 1);
        method("static string", "IsNullOrWhiteSpace", "bool", 1, 1);
        method("static string", "Format", "string", 1, MANY);
        method("static string", "Join", "string", 2, MANY);
        method("static string", "Concat", "string", 1, MANY);
        props("static string", "Empty", "string");
        method("static int", "Parse", "int", 1, 1);
        props("static int", "MaxValue", "int", "MinValue", "int");
        method("static long", "Parse", "long", 1, 1);
        props("static long", "MaxValue", "long", "MinValue", "long");
        method("static double", "Parse", "double", 1, 1);
        method("static bool", "Parse", "bool", 1, 1);
        method("static Math", "Min", "number", 2, 2);
        method("static Math", "Max", "number", 2, 2);
        method("static Math", "Abs", "number", 1, 1);
        method("static Math", "Ceiling", "double", 1, 1);
        method("static Math", "Floor", "double", 1, 1);
        method("static Math", "Round", "double", 1, 1);
        method("static Convert", "ToInt32", "int", 1, 1);
        method("static Convert", "ToInt64", "long", 1, 1);
        method("static Convert", "ToDouble", "double", 1, 1);
        method("static Convert", "ToBoolean", "bool", 1, 1);
        method("static Convert", "ToString", "string", 1, 1);
        props("static DateTime", "UtcNow", "DateTime", "Now", "DateTime");
        method("static Guid", "NewGuid", "Guid", 0, 0);
        method("static Guid", "Parse", "Guid", 1, 1);
        props("static Guid", "Empty", "Guid");
        method("static TimeSpan", "FromMilliseconds", "TimeSpan", 1, 1);
        method("static TimeSpan", "FromSeconds", "TimeSpan", 1, 1);
        method("static TimeSpan", "FromMinutes", "TimeSpan", 1, 1);
        for (String t : new String[] {"JObject", "JArray", "JToken"}) {
            method("static " + t, "Parse", t, 1, 1);
        }
        props("static StringComparison", "Ordinal", "StringComparison", "OrdinalIgnoreCase", "StringComparison",
                "InvariantCulture", "StringComparison", "InvariantCultureIgnoreCase", "StringComparison",
                "CurrentCulture", "StringComparison", "CurrentCultureIgnoreCase", "StringComparison");
        props("static Formatting", "None", "Formatting", "Indented", "Formatting");
    }

    /** The static classes an expression may name, with their C# aliases folded ({@code String} → string). */
    static final Map<String, String> STATIC_TYPES = Map.ofEntries(Map.entry("string", "string"),
            Map.entry("String", "string"), Map.entry("int", "int"), Map.entry("Int32", "int"),
            Map.entry("long", "long"), Map.entry("Int64", "long"), Map.entry("double", "double"),
            Map.entry("Double", "double"), Map.entry("bool", "bool"), Map.entry("Boolean", "bool"),
            Map.entry("Math", "Math"), Map.entry("Convert", "Convert"), Map.entry("DateTime", "DateTime"),
            Map.entry("Guid", "Guid"), Map.entry("TimeSpan", "TimeSpan"), Map.entry("JObject", "JObject"),
            Map.entry("JArray", "JArray"), Map.entry("JToken", "JToken"),
            Map.entry("StringComparison", "StringComparison"), Map.entry("Formatting", "Formatting"));

    /** C# keyword or alias of a type → the canonical name used here; null if not a type the lab knows. */
    static String canonicalType(String name) {
        if (name.endsWith("[]")) {
            String element = canonicalType(name.substring(0, name.length() - 2));
            return "string".equals(element) ? "string[]" : null;
        }
        String canonical = STATIC_TYPES.get(name);
        if (canonical != null && VALUE_TYPES.contains(canonical)) {
            return canonical;
        }
        return switch (name) {
            case "object", "Object" -> "object";
            case "char", "Char" -> "char";
            default -> null;
        };
    }

    private static void props(String type, String... nameTypePairs) {
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            PROPERTIES.computeIfAbsent(type, t -> new HashMap<>()).put(nameTypePairs[i], nameTypePairs[i + 1]);
            ALL_PROPERTIES.add(nameTypePairs[i]);
        }
    }

    private static void method(String type, String name, String returns, int min, int max) {
        method(type, name, returns, min, max, Set.of());
    }

    private static void method(String type, String name, String returns, int min, int max, Set<String> typeArgs) {
        METHODS.computeIfAbsent(type, t -> new HashMap<>()).put(name, new Method(returns, min, max, typeArgs));
        ALL_METHODS.add(name);
    }

    /** The property's type, or null if {@code type} has no such property. */
    static String property(String type, String name) {
        return PROPERTIES.getOrDefault(type, Map.of()).get(name);
    }

    static Method method(String type, String name) {
        return METHODS.getOrDefault(type, Map.of()).get(name);
    }

    static String indexer(String type) {
        return INDEXERS.get(type);
    }

    static boolean anyProperty(String name) {
        return ALL_PROPERTIES.contains(name);
    }

    /** Any method of that name on any instance type, for receivers typed only at run time. */
    static Method anyMethod(String name) {
        Method merged = null;
        for (Map.Entry<String, Map<String, Method>> e : METHODS.entrySet()) {
            Method m = e.getValue().get(name);
            if (e.getKey().startsWith("static ") || m == null) {
                continue;
            }
            if (merged == null) {
                merged = m;
            } else {
                Set<String> typeArgs = new HashSet<>(merged.typeArgs());
                typeArgs.addAll(m.typeArgs());
                merged = new Method(merged.returns().equals(m.returns()) ? m.returns() : "object",
                        Math.min(merged.minArgs(), m.minArgs()), Math.max(merged.maxArgs(), m.maxArgs()),
                        Set.copyOf(typeArgs));
            }
        }
        return merged;
    }

    static boolean anyMethodNamed(String name) {
        return ALL_METHODS.contains(name);
    }

    private Surface() {
    }
}
