package io.aoailab.lab.apim.expr;

/**
 * A policy expression the lab cannot run: a construct outside the supported C# subset, or broken syntax. Raised
 * when the policy is loaded, never at request time, so a policy that loads runs (docs/apim-gateway.md §3.1).
 */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final String problem;
    private final String fix;

    private ExpressionException(int offset, String problem, String fix) {
        super(problem + ". Fix: " + fix + ".");
        this.offset = offset;
        this.problem = problem;
        this.fix = fix;
    }

    /** A construct C# has but the lab does not run. */
    static ExpressionException unsupported(int offset, String construct, String fix) {
        return new ExpressionException(offset, construct + " is not supported by the lab", fix);
    }

    /** Text that is not valid C# (or breaks a rule the C# compiler enforces). */
    static ExpressionException syntax(int offset, String problem, String fix) {
        return new ExpressionException(offset, "syntax error: " + problem, fix);
    }

    /** Where in the expression text (counting from its '@') the problem is. */
    public int offset() {
        return offset;
    }

    /** What is wrong, e.g. {@code method 'PadLeft' is not supported by the lab}; no trailing period. */
    public String problem() {
        return problem;
    }

    /** How to fix it; no trailing period. */
    public String fix() {
        return fix;
    }
}
