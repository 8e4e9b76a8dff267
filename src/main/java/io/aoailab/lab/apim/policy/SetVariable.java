package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;

/**
 * {@code set-variable name value}: a literal value is a string; an expression's value keeps its type, so
 * {@code GetValueOrDefault<int>} finds an int only if the expression produced one (docs/apim-gateway.md §3.1).
 */
final class SetVariable extends Step {
    private final String name;
    private final Value value;

    private SetVariable(Origin origin, String name, Value value) {
        super(origin);
        this.name = name;
        this.value = value;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "name", "value");
        attrs.noChildren();
        return new SetVariable(origin, attrs.literal("name", true), attrs.value("value", true));
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        ex.context.mutableVariables().put(name, value.eval(ex, this));
    }
}
