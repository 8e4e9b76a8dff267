package io.aoailab.lab.apim.policy;

/**
 * A policy document the lab refuses to load. The message always reads
 * {@code <source>:<line>: <element or construct>: <problem>. Fix: <fix>.}, e.g.
 * {@code policy.xml:12: set-header: unknown attribute 'exist-action'. Fix: use one of exists-action, id, name.}
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;

    PolicyException(String source, int line, String construct, String problem, String fix) {
        super(source + ":" + line + ": " + construct + ": " + problem + ". Fix: " + fix + ".");
        this.source = source;
        this.line = line;
    }

    /** The name the policy was loaded under, e.g. its file name. */
    public String source() {
        return source;
    }

    /** The 1-based line of the offending element, attribute or expression. */
    public int line() {
        return line;
    }
}
