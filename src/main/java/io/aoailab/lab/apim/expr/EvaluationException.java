package io.aoailab.lab.apim.expr;

/**
 * An expression failed while running, as a .NET exception would inside APIM: a null dereference, a bad cast, a
 * type mismatch in {@code GetValueOrDefault<T>}. The message reads like .NET's (e.g. "Object reference not set to an
 * instance of an object."); the policy engine turns it into an {@code ExpressionValueEvaluationFailure}
 * (docs/apim-gateway.md §3.1).
 */
public final class EvaluationException extends Exception {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }

    static EvaluationException nullReference() {
        return new EvaluationException("Object reference not set to an instance of an object.");
    }

    static EvaluationException invalidCast(Object value, String type) {
        return new EvaluationException("Unable to cast object of type '" + CsValues.typeName(value) + "' to type '"
                + type + "'.");
    }
}
