package io.aoailab.lab.apim.expr;

import io.aoailab.lab.apim.expr.CsValues.CsEnum;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The static classes of the subset: {@code string}, {@code int}, {@code Math}, {@code Convert}, ... */
final class Statics {

    private Statics() {
    }

    static Object property(String type, String name, Clock clock) throws EvaluationException {
        switch (type + "." + name) {
            case "string.Empty": return "";
            case "int.MaxValue": return Integer.MAX_VALUE;
            case "int.MinValue": return Integer.MIN_VALUE;
            case "long.MaxValue": return Long.MAX_VALUE;
            case "long.MinValue": return Long.MIN_VALUE;
            case "DateTime.UtcNow", "DateTime.Now": return clock.instant(); // the gateway's clock, UTC
            case "Guid.Empty": return new UUID(0, 0);
            default: break;
        }
        if (type.equals("StringComparison")) {
            return new CsEnum("System.StringComparison", name);
        }
        if (type.equals("Formatting")) {
            return new CsEnum("Newtonsoft.Json.Formatting", name);
        }
        throw new EvaluationException("'" + type + "' does not contain a definition for '" + name + "'.");
    }

    static Object call(String type, String name, List<Object> args) throws EvaluationException {
        switch (type + "." + name) {
            case "string.IsNullOrEmpty":
                return args.get(0) == null || stringOf(args.get(0)).isEmpty();
            case "string.IsNullOrWhiteSpace":
                return args.get(0) == null || stringOf(args.get(0)).isBlank();
            case "string.Format":
                return format(Members.stringArg(args, 0), args.subList(1, args.size()));
            case "string.Join":
                return join(args);
            case "string.Concat": {
                StringBuilder out = new StringBuilder();
                for (Object a : args) {
                    out.append(CsValues.toDisplayString(a));
                }
                return out.toString();
            }
            case "int.Parse":
                return Conversions.parseNumber(notNull(args.get(0), "s").trim(), "int");
            case "long.Parse":
                return Conversions.parseNumber(notNull(args.get(0), "s").trim(), "long");
            case "double.Parse":
                return Conversions.parseNumber(notNull(args.get(0), "s").trim(), "double");
            case "bool.Parse":
                return Conversions.parseBool(notNull(args.get(0), "value"));
            case "Math.Min", "Math.Max":
                return minMax(name, args.get(0), args.get(1));
            case "Math.Abs": {
                Object v = args.get(0);
                return v instanceof Integer i ? (Object) Math.abs(i) : v instanceof Long l ? (Object) Math.abs(l)
                        : (Object) Math.abs(number(v).doubleValue());
            }
            case "Math.Ceiling":
                return Math.ceil(number(args.get(0)).doubleValue());
            case "Math.Floor":
                return Math.floor(number(args.get(0)).doubleValue());
            case "Math.Round":
                return Math.rint(number(args.get(0)).doubleValue()); // MidpointRounding.ToEven
            case "Convert.ToInt32":
                return Conversions.convert(args.get(0), "int");
            case "Convert.ToInt64":
                return Conversions.convert(args.get(0), "long");
            case "Convert.ToDouble":
                return Conversions.convert(args.get(0), "double");
            case "Convert.ToBoolean":
                return Conversions.convert(args.get(0), "bool");
            case "Convert.ToString":
                return Conversions.convert(args.get(0), "string");
            case "Guid.NewGuid":
                return UUID.randomUUID();
            case "Guid.Parse":
                try {
                    return UUID.fromString(notNull(args.get(0), "input").trim());
                } catch (IllegalArgumentException e) {
                    throw new EvaluationException("Unrecognized Guid format.");
                }
            case "TimeSpan.FromMilliseconds":
                return Duration.ofNanos(Math.round(number(args.get(0)).doubleValue() * 1e6));
            case "TimeSpan.FromSeconds":
                return Duration.ofNanos(Math.round(number(args.get(0)).doubleValue() * 1e9));
            case "TimeSpan.FromMinutes":
                return Duration.ofNanos(Math.round(number(args.get(0)).doubleValue() * 6e10));
            case "JObject.Parse", "JArray.Parse", "JToken.Parse":
                return Conversions.parseJson(stringOf(args.get(0)), type);
            default:
                throw new EvaluationException("'" + type + "' does not contain a definition for '" + name + "'.");
        }
    }

    private static String stringOf(Object v) throws EvaluationException {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new EvaluationException("Argument 1: cannot convert from '" + CsValues.typeName(v) + "' to 'string'.");
    }

    private static String notNull(Object v, String parameter) throws EvaluationException {
        if (v == null) {
            throw new EvaluationException("Value cannot be null. (Parameter '" + parameter + "')");
        }
        return stringOf(v);
    }

    private static Number number(Object v) throws EvaluationException {
        if (!CsValues.isNumeric(v)) {
            throw new EvaluationException("Argument 1: cannot convert from '" + CsValues.typeName(v)
                    + "' to 'double'.");
        }
        return (Number) v;
    }

    private static Object minMax(String name, Object a, Object b) throws EvaluationException {
        Number x = number(a);
        Number y = number(b);
        boolean min = name.equals("Min");
        if (x instanceof Double || y instanceof Double) {
            return min ? Math.min(x.doubleValue(), y.doubleValue()) : Math.max(x.doubleValue(), y.doubleValue());
        }
        long r = min ? Math.min(x.longValue(), y.longValue()) : Math.max(x.longValue(), y.longValue());
        return x instanceof Long || y instanceof Long ? (Object) r : (Object) (int) r;
    }

    private static String join(List<Object> args) throws EvaluationException {
        String separator = args.get(0) instanceof Character c ? String.valueOf(c) : CsValues.toDisplayString(args.get(0));
        List<Object> values = new ArrayList<>();
        if (args.size() == 2 && args.get(1) instanceof String[] array) {
            values.addAll(List.of((Object[]) array));
        } else {
            values.addAll(args.subList(1, args.size()));
        }
        List<String> texts = new ArrayList<>();
        for (Object v : values) {
            texts.add(CsValues.toDisplayString(v));
        }
        return String.join(separator, texts);
    }

    /** {@code String.Format} with {@code {0}} placeholders and {@code {{ }}} escapes; no format specifiers. */
    static String format(String format, List<Object> args) throws EvaluationException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '{' && i + 1 < format.length() && format.charAt(i + 1) == '{'
                    || c == '}' && i + 1 < format.length() && format.charAt(i + 1) == '}') {
                out.append(c);
                i += 2;
            } else if (c == '{') {
                int end = format.indexOf('}', i);
                String hole = end < 0 ? "" : format.substring(i + 1, end);
                if (!hole.matches("\\d+")) {
                    throw new EvaluationException("Input string was not in a correct format. (The lab's String.Format "
                            + "takes {0}-style placeholders without alignment or format specifiers.)");
                }
                int index = Integer.parseInt(hole);
                if (index >= args.size()) {
                    throw new EvaluationException("Index (zero based) must be greater than or equal to zero and less "
                            + "than the size of the argument list.");
                }
                out.append(CsValues.toDisplayString(args.get(index)));
                i = end + 1;
            } else if (c == '}') {
                throw new EvaluationException("Input string was not in a correct format.");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
