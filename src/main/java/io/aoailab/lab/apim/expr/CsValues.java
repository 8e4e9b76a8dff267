package io.aoailab.lab.apim.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * The run-time value model and .NET's rules over it. A C# value is one of: {@code String}, {@code Character},
 * {@code Integer} (int), {@code Long}, {@code Double}, {@code Boolean}, {@code null}, {@code UUID} (Guid),
 * {@code Instant} (DateTime, UTC), {@code Duration} (TimeSpan), {@code String[]}, a Jackson {@code JsonNode}
 * (JObject/JArray/JToken), a {@link CsEnum} constant, or a {@link HostObject} of the context.
 */
public final class CsValues {

    /** {@code StringComparison.X} and {@code Formatting.X}. */
    public record CsEnum(String type, String name) {
    }

    private static final DateTimeFormatter ROUND_TRIP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UNIVERSAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    // DateTime.ToString() under the invariant-ish en-US culture a gateway runs with
    private static final DateTimeFormatter GENERAL =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private CsValues() {
    }

    /**
     * {@code value.ToString()} as .NET writes it, and what APIM puts in a header or attribute from an expression:
     * {@code True}/{@code False}, doubles without a trailing {@code .0}, Guids lower-case, JSON indented as
     * Newtonsoft does, null as the empty string.
     */
    public static String toDisplayString(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double d) {
            return formatDouble(d);
        }
        if (value instanceof Instant i) {
            return GENERAL.format(i);
        }
        if (value instanceof Duration d) {
            return formatTimeSpan(d);
        }
        if (value instanceof JsonNode node) {
            return JsonText.toString(node, true);
        }
        if (value instanceof String[]) {
            return "System.String[]";
        }
        if (value instanceof CsEnum e) {
            return e.name();
        }
        if (value instanceof HostObject h) {
            return h.toString();
        }
        return value.toString();
    }

    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "-∞";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String plain = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        if (Math.abs(d) >= 1e15 || Math.abs(d) < 1e-5) {
            String s = String.format(Locale.ROOT, "%.15E", d);
            String mantissa = s.substring(0, s.indexOf('E')).replaceAll("0+$", "").replaceAll("\\.$", "");
            int exp = Integer.parseInt(s.substring(s.indexOf('E') + 1));
            return mantissa + "E" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
        }
        return plain;
    }

    static String formatDateTime(Instant instant, String format) throws EvaluationException {
        return switch (format) {
            case "o", "O" -> ROUND_TRIP.format(instant);
            case "s" -> SORTABLE.format(instant);
            case "u" -> UNIVERSAL.format(instant);
            case "G", "" -> GENERAL.format(instant);
            case "R", "r" -> DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(instant);
            default -> throw new EvaluationException("The lab formats DateTime with \"o\", \"s\", \"u\", \"r\" or "
                    + "\"G\" only; got \"" + format + "\".");
        };
    }

    static String formatTimeSpan(Duration d) {
        long totalMillis = Math.abs(d.toMillis());
        long days = totalMillis / 86_400_000;
        long h = totalMillis / 3_600_000 % 24;
        long m = totalMillis / 60_000 % 60;
        long s = totalMillis / 1000 % 60;
        long fraction = Math.abs(d.toNanos()) / 100 % 10_000_000;
        String text = (days > 0 ? days + "." : "") + String.format(Locale.ROOT, "%02d:%02d:%02d", h, m, s)
                + (fraction > 0 ? String.format(Locale.ROOT, ".%07d", fraction) : "");
        return d.isNegative() ? "-" + text : text;
    }

    /** .NET's full type name of a value, for error messages. */
    public static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "System.String";
        }
        if (value instanceof Character) {
            return "System.Char";
        }
        if (value instanceof Integer) {
            return "System.Int32";
        }
        if (value instanceof Long) {
            return "System.Int64";
        }
        if (value instanceof Double) {
            return "System.Double";
        }
        if (value instanceof Boolean) {
            return "System.Boolean";
        }
        if (value instanceof UUID) {
            return "System.Guid";
        }
        if (value instanceof Instant) {
            return "System.DateTime";
        }
        if (value instanceof Duration) {
            return "System.TimeSpan";
        }
        if (value instanceof String[]) {
            return "System.String[]";
        }
        if (value instanceof ObjectNode) {
            return "Newtonsoft.Json.Linq.JObject";
        }
        if (value instanceof ArrayNode) {
            return "Newtonsoft.Json.Linq.JArray";
        }
        if (value instanceof JsonNode) {
            return "Newtonsoft.Json.Linq.JValue";
        }
        if (value instanceof CsEnum e) {
            return e.type();
        }
        if (value instanceof HostObject h) {
            return h.typeName();
        }
        return value.getClass().getSimpleName();
    }

    /** Whether {@code value} is exactly of C# type {@code type} (the unboxing rule of {@code (T)object}). */
    public static boolean isOfType(Object value, String type) {
        return switch (type) {
            case "object" -> true;
            case "string" -> value instanceof String;
            case "int" -> value instanceof Integer;
            case "long" -> value instanceof Long;
            case "double" -> value instanceof Double;
            case "bool" -> value instanceof Boolean;
            case "char" -> value instanceof Character;
            case "Guid" -> value instanceof UUID;
            case "DateTime" -> value instanceof Instant;
            case "TimeSpan" -> value instanceof Duration;
            case "string[]" -> value instanceof String[];
            case "JObject" -> value instanceof ObjectNode;
            case "JArray" -> value instanceof ArrayNode;
            case "JToken" -> value instanceof JsonNode;
            default -> false;
        };
    }

    /** A type's {@code default(T)}: 0, false, or null. */
    public static Object defaultOf(String type) {
        return switch (type) {
            case "int" -> 0;
            case "long" -> 0L;
            case "double" -> 0.0;
            case "bool" -> false;
            case "Guid" -> new UUID(0, 0);
            case "TimeSpan" -> Duration.ZERO;
            default -> null;
        };
    }

    /** .NET's name of a canonical C# type ({@code int} → {@code System.Int32}). */
    public static String netName(String type) {
        return Conversions.netName(type);
    }

    /**
     * JSON text as {@code JObject}, {@code JArray} or {@code JToken} ({@code Body.As<JObject>()},
     * {@code JObject.Parse}), failing as Newtonsoft does.
     */
    public static Object parseJson(String text, String type) throws EvaluationException {
        return Conversions.parseJson(text, type);
    }

    static boolean isNumeric(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Double;
    }
}
