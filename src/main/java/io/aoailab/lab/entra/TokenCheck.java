package io.aoailab.lab.entra;

/** The outcome of checking a bearer token for one audience. */
public sealed interface TokenCheck {

    /** The token is genuine, current, for this audience and tenant. */
    record Valid(Caller caller) implements TokenCheck {
    }

    /**
     * The token must be refused.
     *
     * @param reason why, for the lab's own diagnostics; services answer with their own fixed bodies, as Azure does
     */
    record Invalid(String reason) implements TokenCheck {
    }
}
