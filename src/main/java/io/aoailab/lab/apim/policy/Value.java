package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.expr.CsValues;
import io.aoailab.lab.apim.expr.Expression;

/** An attribute or element text: a literal, or a policy expression where the element allows one. */
final class Value {
    private final String literal;
    private final Expression expression;
    final String what;

    private Value(String literal, Expression expression, String what) {
        this.literal = literal;
        this.expression = expression;
        this.what = what;
    }

    static Value literal(String text, String what) {
        return new Value(text, null, what);
    }

    static Value expression(Expression expression, String what) {
        return new Value(null, expression, what);
    }

    boolean isLiteral() {
        return expression == null;
    }

    String literalText() {
        return literal;
    }

    Object eval(Execution ex, Step step) throws PolicyFault {
        return expression == null ? literal : ex.evaluate(expression, step);
    }

    /** The value as APIM puts an expression's result into a string: .NET's ToString, null as empty. */
    String string(Execution ex, Step step) throws PolicyFault {
        Object v = eval(ex, step);
        return v instanceof String s ? s : CsValues.toDisplayString(v);
    }

    long integer(Execution ex, Step step) throws PolicyFault {
        Object v = eval(ex, step);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        try {
            return Long.parseLong(CsValues.toDisplayString(v).trim());
        } catch (NumberFormatException e) {
            throw step.fault("ExpressionValueEvaluationFailure", "Expression evaluation failed. The value of '"
                    + what + "' is not an integer: '" + CsValues.toDisplayString(v) + "'.", null);
        }
    }

    boolean bool(Execution ex, Step step) throws PolicyFault {
        Object v = eval(ex, step);
        if (v instanceof Boolean b) {
            return b;
        }
        String text = CsValues.toDisplayString(v).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
        }
        throw step.fault("ExpressionValueEvaluationFailure", "Expression evaluation failed. The value of '" + what
                + "' is not a boolean: '" + text + "'.", null);
    }
}
