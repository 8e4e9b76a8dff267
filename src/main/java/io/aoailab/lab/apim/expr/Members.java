package io.aoailab.lab.apim.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.apim.expr.CsValues.CsEnum;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Instance members of the built-in values (strings, numbers, Guid, DateTime, TimeSpan, JSON), as .NET runs them. */
final class Members {

    private Members() {
    }

    static Object property(Object target, String name) throws EvaluationException {
        if (target instanceof String s && name.equals("Length")) {
            return s.length();
        }
        if (target instanceof String[] a && name.equals("Length")) {
            return a.length;
        }
        if (target instanceof Instant i) {
            ZonedDateTime t = i.atZone(ZoneOffset.UTC);
            switch (name) {
                case "Year": return t.getYear();
                case "Month": return t.getMonthValue();
                case "Day": return t.getDayOfMonth();
                case "Hour": return t.getHour();
                case "Minute": return t.getMinute();
                case "Second": return t.getSecond();
                default: break;
            }
        }
        if (target instanceof Duration d) {
            switch (name) {
                case "TotalMilliseconds": return d.toNanos() / 1e6;
                case "TotalSeconds": return d.toNanos() / 1e9;
                case "TotalMinutes": return d.toNanos() / 6e10;
                case "Milliseconds": return d.toMillisPart();
                case "Seconds": return d.toSecondsPart();
                case "Minutes": return d.toMinutesPart();
                default: break;
            }
        }
        if (target instanceof JsonNode node && name.equals("Count") && node.isContainerNode()) {
            return node.size();
        }
        throw noDefinition(target, name);
    }

    static Object call(Object target, String name, List<String> typeArgs, List<Object> args)
            throws EvaluationException {
        if (name.equals("ToString") && args.isEmpty()) {
            return CsValues.toDisplayString(target);
        }
        if (name.equals("Equals") && args.size() == 1 && !(target instanceof String)) {
            return Operators.equal(target, args.get(0));
        }
        if (target instanceof String s) {
            return string(s, name, args);
        }
        if (target instanceof UUID g && name.equals("ToString")) {
            return guid(g, (String) args.get(0));
        }
        if (target instanceof Instant i) {
            return dateTime(i, name, args);
        }
        if (target instanceof JsonNode node) {
            return json(node, name, typeArgs, args);
        }
        throw noDefinition(target, name);
    }

    static Object index(Object target, Object key) throws EvaluationException {
        if (target instanceof String s && key instanceof Integer i) {
            if (i < 0 || i >= s.length()) {
                throw new EvaluationException("Index was outside the bounds of the array.");
            }
            return s.charAt(i);
        }
        if (target instanceof String[] a && key instanceof Integer i) {
            if (i < 0 || i >= a.length) {
                throw new EvaluationException("Index was outside the bounds of the array.");
            }
            return a[i];
        }
        if (target instanceof ObjectNode o) {
            if (!(key instanceof String k)) {
                throw new EvaluationException("Accessed JObject values with invalid key value: "
                        + CsValues.toDisplayString(key) + ". Object property name expected.");
            }
            return o.get(k);
        }
        if (target instanceof ArrayNode a) {
            if (!(key instanceof Integer i)) {
                throw new EvaluationException("Accessed JArray values with invalid key value: \""
                        + CsValues.toDisplayString(key) + "\". Int32 array index expected.");
            }
            if (i < 0 || i >= a.size()) {
                throw new EvaluationException("Index was out of range. Must be non-negative and less than the size of "
                        + "the collection. (Parameter 'index')");
            }
            return a.get(i);
        }
        if (target instanceof JsonNode) {
            throw new EvaluationException("Cannot access child value on Newtonsoft.Json.Linq.JValue.");
        }
        throw new EvaluationException("Cannot apply indexing with [] to an expression of type '"
                + CsValues.typeName(target) + "'.");
    }

    /** {@code obj["x"] = value} and {@code arr[0] = value}. */
    static void setIndex(Object target, Object key, Object value) throws EvaluationException {
        if (target instanceof ObjectNode o && key instanceof String k) {
            o.set(k, Conversions.toJson(value));
        } else if (target instanceof ArrayNode a && key instanceof Integer i && i >= 0 && i < a.size()) {
            a.set(i, Conversions.toJson(value));
        } else {
            throw new EvaluationException("Property or indexer of type '" + CsValues.typeName(target)
                    + "' cannot be assigned to with this key.");
        }
    }

    // ---- string

    private static Object string(String s, String name, List<Object> args) throws EvaluationException {
        switch (name) {
            case "Contains": {
                String v = stringArg(args, 0);
                return ignoreCase(args, 1) ? lower(s).contains(lower(v)) : s.contains(v);
            }
            case "StartsWith": {
                String v = stringArg(args, 0);
                return ignoreCase(args, 1) ? lower(s).startsWith(lower(v)) : s.startsWith(v);
            }
            case "EndsWith": {
                String v = stringArg(args, 0);
                return ignoreCase(args, 1) ? lower(s).endsWith(lower(v)) : s.endsWith(v);
            }
            case "Equals": {
                Object other = args.get(0);
                if (!(other instanceof String v)) {
                    return false;
                }
                return ignoreCase(args, 1) ? s.equalsIgnoreCase(v) : s.equals(v);
            }
            case "IndexOf", "LastIndexOf": {
                Object arg = args.get(0);
                String v = arg instanceof Character c ? String.valueOf(c) : stringArg(args, 0);
                // IndexOf(value, startIndex) as well as IndexOf(value, StringComparison)
                Integer from = args.size() > 1 && args.get(1) instanceof Integer i ? i : null;
                boolean ic = from == null && ignoreCase(args, 1);
                String hay = ic ? lower(s) : s;
                String needle = ic ? lower(v) : v;
                if (from != null) {
                    if (from < 0 || from > s.length()) {
                        throw new EvaluationException("Specified argument was out of the range of valid values."
                                + " (Parameter 'startIndex')");
                    }
                    return name.equals("IndexOf") ? hay.indexOf(needle, from) : hay.lastIndexOf(needle, from);
                }
                return name.equals("IndexOf") ? hay.indexOf(needle) : hay.lastIndexOf(needle);
            }
            case "ToLower", "ToLowerInvariant":
                return lower(s);
            case "ToUpper", "ToUpperInvariant":
                return s.toUpperCase(Locale.ROOT);
            case "Trim", "TrimStart", "TrimEnd":
                return trim(s, name, args);
            case "Split":
                return split(s, args);
            case "Substring": {
                int start = intArg(args, 0);
                int length = args.size() > 1 ? intArg(args, 1) : s.length() - start;
                if (start < 0 || start > s.length() || length < 0 || start + length > s.length()) {
                    throw new EvaluationException((args.size() > 1 ? "Index and length must refer to a location "
                            + "within the string." : "startIndex cannot be larger than length of string.")
                            + " (Parameter '" + (args.size() > 1 ? "length" : "startIndex") + "')");
                }
                return s.substring(start, start + length);
            }
            case "Replace": {
                String from = args.get(0) instanceof Character c ? String.valueOf(c) : stringArg(args, 0);
                if (from.isEmpty()) {
                    throw new EvaluationException("String cannot be of zero length. (Parameter 'oldValue')");
                }
                Object to = args.get(1);
                return s.replace(from, to == null ? "" : CsValues.toDisplayString(to));
            }
            default:
                throw noDefinition(s, name);
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static boolean ignoreCase(List<Object> args, int i) throws EvaluationException {
        if (args.size() <= i) {
            return false;
        }
        if (args.get(i) instanceof CsEnum e && e.type().equals("System.StringComparison")) {
            return e.name().endsWith("IgnoreCase");
        }
        if (args.get(i) instanceof Character) {
            return false;
        }
        throw new EvaluationException("Argument " + (i + 1) + ": cannot convert from '" + CsValues.typeName(args.get(i))
                + "' to 'System.StringComparison'.");
    }

    private static String trim(String s, String name, List<Object> args) throws EvaluationException {
        StringBuilder chars = new StringBuilder();
        for (Object a : args) {
            if (a instanceof Character c) {
                chars.append(c);
            } else if (a instanceof String str) {
                chars.append(str);
            } else {
                throw new EvaluationException("Trim takes characters; got '" + CsValues.typeName(a) + "'.");
            }
        }
        int start = 0;
        int end = s.length();
        boolean front = !name.equals("TrimEnd");
        boolean back = !name.equals("TrimStart");
        while (front && start < end && trimmable(s.charAt(start), chars)) {
            start++;
        }
        while (back && end > start && trimmable(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean trimmable(char c, CharSequence chars) {
        return chars.isEmpty() ? Character.isWhitespace(c) : chars.toString().indexOf(c) >= 0;
    }

    // String.Split(params char[]) / Split(string): empty entries are kept, as .NET does
    private static String[] split(String s, List<Object> args) throws EvaluationException {
        List<String> separators = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof Character c) {
                separators.add(String.valueOf(c));
            } else if (a instanceof String str) {
                separators.add(str);
            } else if (a instanceof String[] arr) {
                separators.addAll(List.of(arr));
            } else {
                throw new EvaluationException("Split takes characters or strings; got '" + CsValues.typeName(a)
                        + "'.");
            }
        }
        separators.removeIf(String::isEmpty);
        if (separators.isEmpty()) {
            separators.add(" ");
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        int i = 0;
        outer:
        while (i < s.length()) {
            for (String sep : separators) {
                if (s.startsWith(sep, i)) {
                    parts.add(s.substring(from, i));
                    i += sep.length();
                    from = i;
                    continue outer;
                }
            }
            i++;
        }
        parts.add(s.substring(from));
        return parts.toArray(new String[0]);
    }

    // ---- Guid, DateTime

    private static String guid(UUID g, String format) throws EvaluationException {
        String d = g.toString();
        return switch (format == null ? "D" : format) {
            case "D", "d" -> d;
            case "N", "n" -> d.replace("-", "");
            case "B", "b" -> "{" + d + "}";
            case "P", "p" -> "(" + d + ")";
            default -> throw new EvaluationException("Format string can be only \"D\", \"d\", \"N\", \"n\", \"P\", "
                    + "\"p\", \"B\", \"b\", \"X\" or \"x\".");
        };
    }

    private static Object dateTime(Instant i, String name, List<Object> args) throws EvaluationException {
        if (name.equals("ToString")) {
            return CsValues.formatDateTime(i, stringArg(args, 0));
        }
        double amount = ((Number) Conversions.convert(args.get(0), "double")).doubleValue();
        long nanos = switch (name) {
            case "AddMilliseconds" -> Math.round(amount * 1e6);
            case "AddSeconds" -> Math.round(amount * 1e9);
            case "AddMinutes" -> Math.round(amount * 6e10);
            case "AddHours" -> Math.round(amount * 3.6e12);
            case "AddDays" -> Math.round(amount * 8.64e13);
            default -> throw noDefinition(i, name);
        };
        return i.plusNanos(nanos);
    }

    // ---- JSON

    private static Object json(JsonNode node, String name, List<String> typeArgs, List<Object> args)
            throws EvaluationException {
        switch (name) {
            case "ToString": {
                Object formatting = args.get(0);
                if (!(formatting instanceof CsEnum e) || !e.type().equals("Newtonsoft.Json.Formatting")) {
                    throw new EvaluationException("Argument 1: cannot convert from '"
                            + CsValues.typeName(formatting) + "' to 'Newtonsoft.Json.Formatting'.");
                }
                return JsonText.toString(node, e.name().equals("Indented"));
            }
            case "Value": {
                Object child = index(node, args.get(0));
                return child == null ? CsValues.defaultOf(typeArgs.get(0))
                        : Conversions.fromJson((JsonNode) child, typeArgs.get(0));
            }
            case "ContainsKey":
                if (node instanceof ObjectNode o) {
                    return o.has(stringArg(args, 0));
                }
                break;
            case "Remove":
                if (node instanceof ObjectNode o) {
                    return o.remove(stringArg(args, 0)) != null;
                }
                break;
            default:
                break;
        }
        throw noDefinition(node, name);
    }

    // ---- helpers

    static String stringArg(List<Object> args, int i) throws EvaluationException {
        if (args.size() <= i) {
            return "";
        }
        Object v = args.get(i);
        if (v == null) {
            throw new EvaluationException("Value cannot be null. (Parameter 'value')");
        }
        if (!(v instanceof String s)) {
            throw new EvaluationException("Argument " + (i + 1) + ": cannot convert from '" + CsValues.typeName(v)
                    + "' to 'string'.");
        }
        return s;
    }

    static int intArg(List<Object> args, int i) throws EvaluationException {
        Object v = args.get(i);
        if (!(v instanceof Integer n)) {
            throw new EvaluationException("Argument " + (i + 1) + ": cannot convert from '" + CsValues.typeName(v)
                    + "' to 'int'.");
        }
        return n;
    }

    static EvaluationException noDefinition(Object target, String name) {
        return new EvaluationException("'" + CsValues.typeName(target) + "' does not contain a definition for '"
                + name + "'.");
    }
}
