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
        /** How a reason starts when the token is genuine and current but for another audience. */
        public static final String WRONG_AUDIENCE = "wrong audience";

        /**
         * Whether the token failed only on its audience (every earlier check passed): services that tell callers so,
         * as Storage does, answer differently.
         */
        public boolean wrongAudience() {
            return reason.startsWith(WRONG_AUDIENCE);
        }
    }
}
