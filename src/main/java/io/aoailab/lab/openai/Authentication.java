package io.aoailab.lab.openai;

import io.aoailab.lab.entra.Caller;

/** Who a request authenticated as, or why it is refused. */
sealed interface Authentication {

    /** A valid account key: full data-plane access, no RBAC (keys are not principals). */
    record AccountKey() implements Authentication {
    }

    /** A valid Entra token for the Cognitive Services audience; RBAC decides what it may do. */
    record Principal(Caller caller) implements Authentication {
    }

    /** Refused before RBAC, with Azure's body for the reason. */
    record Refused(ErrorAnswer answer) implements Authentication {
    }
}
