package io.aoailab.lab.apim.expr;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Casts and conversions with .NET's outcomes: C# casts, Newtonsoft's explicit JToken conversions, Convert.ToX. */
final class Conversions {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);

    private Conversions() {
    }

    /** {@code (type)value}. */
    static Object cast(Object value, String type) throws EvaluationException {
        if (type.equals("object")) {
            return value;
        }
        if (value instanceof JsonNode node && !type.equals("JObject") && !type.equals("JArray")
                && !type.equals("JToken")) {
            return fromJson(node, type);
        }
        switch (type) {
            case "string", "Guid", "DateTime", "TimeSpan", "string[]", "JObject", "JArray", "JToken", "bool",
                    "char":
                if (value == null || CsValues.isOfType(value, type)) {
                    if (value == null && (type.equals("bool") || type.equals("char") || type.equals("Guid")
                            || type.equals("DateTime") || type.equals("TimeSpan"))) {
                        throw EvaluationException.nullReference();
                    }
                    return value;
                }
                throw EvaluationException.invalidCast(value, netName(type));
            case "int", "long", "double":
                if (value == null) {
                    throw EvaluationException.nullReference();
                }
                if (value instanceof Character c) {
                    return number((int) c, type);
                }
                if (!CsValues.isNumeric(value)) {
                    throw EvaluationException.invalidCast(value, netName(type));
                }
                return number((Number) value, type);
            default:
                throw new EvaluationException("Unsupported cast to '" + type + "'.");
        }
    }

    /** An explicit numeric conversion: doubles truncate, longs wrap, as unchecked C# does. */
    static Object number(Number n, String type) {
        return switch (type) {
            case "int" -> n instanceof Double d ? (int) d.doubleValue() : n.intValue();
            case "long" -> n instanceof Double d ? (long) d.doubleValue() : n.longValue();
            default -> n.doubleValue();
        };
    }

    /** Newtonsoft's explicit conversion of a JToken: {@code (string)token}, {@code (int)token}, ... */
    static Object fromJson(JsonNode node, String type) throws EvaluationException {
        if (node.isObject() || node.isArray()) {
            throw new EvaluationException("Can not convert " + (node.isObject() ? "Object" : "Array") + " to "
                    + simpleNetName(type) + ".");
        }
        if (node.isNull() || node.isMissingNode()) {
            if (type.equals("string") || CsValues.defaultOf(type) == null) {
                return null;
            }
            throw new EvaluationException("Can not convert Null to " + simpleNetName(type) + ".");
        }
        Object scalar = scalar(node);
        return convert(scalar, type);
    }

    /** The plain value of a JSON scalar. */
    static Object scalar(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.isNull() ? null : node.asText();
    }

    /** {@code Convert.ToX(value)}: strings are parsed, numbers round to even, null gives the default. */
    static Object convert(Object value, String type) throws EvaluationException {
        if (value instanceof JsonNode node) {
            if (node.isContainerNode()) {
                throw EvaluationException.invalidCast(value, "System.IConvertible");
            }
            value = scalar(node);
        }
        if (value == null) {
            return type.equals("string") ? "" : CsValues.defaultOf(type);
        }
        switch (type) {
            case "string":
                return CsValues.toDisplayString(value);
            case "bool":
                if (value instanceof Boolean) {
                    return value;
                }
                if (value instanceof String s) {
                    return parseBool(s);
                }
                if (CsValues.isNumeric(value)) {
                    return ((Number) value).doubleValue() != 0;
                }
                throw EvaluationException.invalidCast(value, "System.Boolean");
            case "int", "long", "double":
                if (value instanceof Boolean b) {
                    return number(b ? 1 : 0, type);
                }
                if (value instanceof String s) {
                    return parseNumber(s.trim(), type);
                }
                if (value instanceof Double d && !type.equals("double")) {
                    double rounded = Math.rint(d);
                    return checkRange(rounded, type);
                }
                if (CsValues.isNumeric(value)) {
                    checkRange(((Number) value).doubleValue(), type);
                    return number((Number) value, type);
                }
                throw EvaluationException.invalidCast(value, netName(type));
            default:
                return cast(value, type);
        }
    }

    private static Object checkRange(double d, String type) throws EvaluationException {
        if (type.equals("int") && (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE)) {
            throw new EvaluationException("Value was either too large or too small for an Int32.");
        }
        if (type.equals("long") && (d > Long.MAX_VALUE || d < Long.MIN_VALUE)) {
            throw new EvaluationException("Value was either too large or too small for an Int64.");
        }
        return number(d, type);
    }

    static Object parseNumber(String s, String type) throws EvaluationException {
        try {
            return switch (type) {
                case "int" -> Integer.parseInt(s);
                case "long" -> Long.parseLong(s);
                default -> Double.parseDouble(s);
            };
        } catch (NumberFormatException e) {
            throw new EvaluationException("The input string '" + s + "' was not in a correct format.");
        }
    }

    static boolean parseBool(String s) throws EvaluationException {
        String t = s.trim();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new EvaluationException("String '" + s + "' was not recognized as a valid Boolean.");
    }

    /** A C# value as a JSON token, for {@code body["x"] = value}. */
    static JsonNode toJson(Object value) throws EvaluationException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof UUID || value instanceof Instant || value instanceof Duration
                || value instanceof Character) {
            return f.textNode(CsValues.toDisplayString(value));
        }
        throw new EvaluationException("Could not determine JSON object type for type " + CsValues.typeName(value)
                + ".");
    }

    /** {@code JObject.Parse}, {@code JArray.Parse}, {@code JToken.Parse}, {@code Body.As<JObject>()}. */
    static JsonNode parseJson(String text, String type) throws EvaluationException {
        if (text == null) {
            throw new EvaluationException("Value cannot be null. (Parameter 'json')");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new EvaluationException("Unexpected character encountered while parsing value. Path '', line "
                    + e.getLocation().getLineNr() + ", position " + e.getLocation().getColumnNr() + ".");
        }
        if (node == null || node.isMissingNode()) {
            throw new EvaluationException("Error reading " + type + " from JsonReader. Path '', line 0, position 0.");
        }
        if (type.equals("JObject") && !(node instanceof ObjectNode) || type.equals("JArray")
                && !(node instanceof ArrayNode)) {
            throw new EvaluationException("Error reading " + type + " from JsonReader. Current JsonReader item is not "
                    + "an " + (type.equals("JObject") ? "object" : "array") + ".");
        }
        return node;
    }

    static String netName(String type) {
        return switch (type) {
            case "string" -> "System.String";
            case "int" -> "System.Int32";
            case "long" -> "System.Int64";
            case "double" -> "System.Double";
            case "bool" -> "System.Boolean";
            case "char" -> "System.Char";
            case "Guid" -> "System.Guid";
            case "DateTime" -> "System.DateTime";
            case "TimeSpan" -> "System.TimeSpan";
            case "string[]" -> "System.String[]";
            case "JObject", "JArray", "JToken" -> "Newtonsoft.Json.Linq." + type;
            default -> type;
        };
    }

    private static String simpleNetName(String type) {
        String net = netName(type);
        return net.substring(net.lastIndexOf('.') + 1);
    }
}
