package io.aoailab.lab.apim.expr;

import java.util.List;
import java.util.Map;

/**
 * A value the gateway lends to expressions: APIM's {@code context} and what hangs off it ({@code Request},
 * {@code Headers}, ...). Members follow the {@code context} surface the checker allows (docs/apim-gateway.md §3.1); a host
 * object only implements what its {@link #typeName()} has there.
 */
public interface HostObject {

    /** The surface type, e.g. {@code Request}, {@code Headers}. */
    String typeName();

    /** A property; fails like .NET if it cannot be read. */
    Object member(String name) throws EvaluationException;

    /**
     * A method call.
     *
     * @param typeArgs canonical type arguments ({@code string}, {@code JObject}, ...), empty if none
     * @param args positional arguments
     * @param named named arguments, e.g. {@code preserveContent}
     */
    default Object call(String name, List<String> typeArgs, List<Object> args, Map<String, Object> named)
            throws EvaluationException {
        throw new EvaluationException("'" + typeName() + "' does not contain a definition for '" + name + "'.");
    }

    /** {@code this[key]}. */
    default Object index(Object key) throws EvaluationException {
        throw new EvaluationException("Cannot apply indexing with [] to an expression of type '" + typeName() + "'.");
    }
}
