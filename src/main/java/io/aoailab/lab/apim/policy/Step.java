package io.aoailab.lab.apim.policy;

/**
 * One loaded policy element, ready to run. {@link Origin} says where it came from, for {@code context.LastError}
 * ({@code Path}, {@code PolicyId}) and error messages.
 */
abstract class Step {

    /**
     * @param path the element's path in its section: name[index among its siblings], joined by '\' as in
     *             {@code choose[1]\when[2]\set-header[1]} (docs/apim-gateway.md §2, LastError.Path)
     */
    record Origin(String name, String id, String path, int line, Section section) {
    }

    final Origin origin;

    Step(Origin origin) {
        this.origin = origin;
    }

    abstract void run(Execution ex) throws PolicyFault, ReturnSignal;

    /** A failure of this element that goes to on-error. */
    PolicyFault fault(String reason, String message, GatewayResponse response) {
        return new PolicyFault(origin.name(), reason, message, origin, response);
    }
}
