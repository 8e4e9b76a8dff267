package io.aoailab.lab.apim.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/** C#'s binary and unary operators over the value model ({@link CsValues}). */
final class Operators {

    private Operators() {
    }

    /**
     * {@code ==}. Strings compare by value (C#'s string operator), numbers after promotion, JSON tokens by
     * reference (Newtonsoft defines no {@code ==}), values of different kinds are unequal.
     */
    static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (CsValues.isNumeric(a) && CsValues.isNumeric(b)) {
            if (a instanceof Double || b instanceof Double) {
                return ((Number) a).doubleValue() == ((Number) b).doubleValue();
            }
            return ((Number) a).longValue() == ((Number) b).longValue();
        }
        if (a instanceof JsonNode || b instanceof JsonNode || a instanceof HostObject || b instanceof HostObject) {
            return a == b;
        }
        return a.equals(b);
    }

    static Object binary(String op, Object a, Object b) throws EvaluationException {
        switch (op) {
            case "==":
                return equal(a, b);
            case "!=":
                return !equal(a, b);
            case "<", "<=", ">", ">=":
                return compare(op, a, b);
            case "+":
                if (a instanceof String || b instanceof String) {
                    return CsValues.toDisplayString(a) + CsValues.toDisplayString(b);
                }
                if (a instanceof Instant i && b instanceof Duration d) {
                    return i.plus(d);
                }
                if (a instanceof Duration x && b instanceof Duration y) {
                    return x.plus(y);
                }
                return arithmetic(op, a, b);
            case "-":
                if (a instanceof Instant x && b instanceof Instant y) {
                    return Duration.between(y, x);
                }
                if (a instanceof Instant i && b instanceof Duration d) {
                    return i.minus(d);
                }
                if (a instanceof Duration x && b instanceof Duration y) {
                    return x.minus(y);
                }
                return arithmetic(op, a, b);
            default:
                return arithmetic(op, a, b);
        }
    }

    private static Object arithmetic(String op, Object a, Object b) throws EvaluationException {
        if (a == null || b == null) {
            if (CsValues.isNumeric(a) || CsValues.isNumeric(b)) {
                return null; // lifted operator on a null int?: the result is null
            }
            throw cannotApply(op, a, b);
        }
        if (a instanceof Character c) {
            a = (int) c;
        }
        if (b instanceof Character c) {
            b = (int) c;
        }
        if (!CsValues.isNumeric(a) || !CsValues.isNumeric(b)) {
            throw cannotApply(op, a, b);
        }
        if (a instanceof Double || b instanceof Double) {
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "/" -> x / y;
                default -> x % y;
            };
        }
        boolean isLong = a instanceof Long || b instanceof Long;
        long x = ((Number) a).longValue();
        long y = ((Number) b).longValue();
        if ((op.equals("/") || op.equals("%")) && y == 0) {
            throw new EvaluationException("Attempted to divide by zero.");
        }
        long r = switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            default -> x % y;
        };
        return isLong ? (Object) r : (Object) (int) r; // int arithmetic wraps, as unchecked C# does
    }

    private static boolean compare(String op, Object a, Object b) throws EvaluationException {
        if (a == null || b == null) {
            return false; // lifted comparison with null is false
        }
        int c;
        if (CsValues.isNumeric(a) && CsValues.isNumeric(b)) {
            c = Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        } else if (a instanceof Instant x && b instanceof Instant y) {
            c = x.compareTo(y);
        } else if (a instanceof Duration x && b instanceof Duration y) {
            c = x.compareTo(y);
        } else if (a instanceof Character x && b instanceof Character y) {
            c = Character.compare(x, y);
        } else {
            throw cannotApply(op, a, b);
        }
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    static Object negate(Object v) throws EvaluationException {
        if (v instanceof Integer i) {
            return -i;
        }
        if (v instanceof Long l) {
            return -l;
        }
        if (v instanceof Double d) {
            return -d;
        }
        if (v instanceof Duration d) {
            return d.negated();
        }
        throw new EvaluationException("Operator '-' cannot be applied to operand of type '" + CsValues.typeName(v)
                + "'.");
    }

    static boolean truth(Object v) throws EvaluationException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null) {
            throw new EvaluationException("Nullable object must have a value.");
        }
        throw EvaluationException.invalidCast(v, "System.Boolean");
    }

    private static EvaluationException cannotApply(String op, Object a, Object b) {
        return new EvaluationException("Operator '" + op + "' cannot be applied to operands of type '"
                + CsValues.typeName(a) + "' and '" + CsValues.typeName(b) + "'.");
    }
}
