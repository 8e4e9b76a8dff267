package io.aoailab.roles;

/**
 * A cell of one persona's row, measured: what its intended grants say and what the deployment answered.
 *
 * @param persona the persona's name
 * @param cell the operation and resource
 * @param expected what the persona's intended grants say
 * @param observed what the service answered (the last attempt)
 * @param attempts how many times it was asked (more than once while waiting for role assignments to apply)
 */
public record Verdict(String persona, Cell cell, Expectation expected, Answer observed, int attempts) {

    /** Whether the deployment did what the intent says: allowed, or denied with the service's own denial. */
    public boolean holds() {
        return expected.allowed() ? observed.kind() == Answer.Kind.ALLOWED : observed.kind() == Answer.Kind.DENIED;
    }

    /** Whether another attempt may change it: a role decision that disagrees, which propagation could explain. */
    public boolean mayStillChange() {
        return !holds() && (observed.kind() == Answer.Kind.ALLOWED || observed.kind() == Answer.Kind.DENIED);
    }

    public Verdict after(Answer answer) {
        return new Verdict(persona, cell, expected, answer, attempts + 1);
    }
}
