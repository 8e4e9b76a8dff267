package io.aoailab.lab.apim.policy;

/** {@code return-response} ran: the pipeline stops and this is the answer (docs/apim-gateway.md §2.6). Not an error. */
final class ReturnSignal extends Exception {
    private static final long serialVersionUID = 1L;
    final transient GatewayResponse response;

    ReturnSignal(GatewayResponse response) {
        super(null, null, false, false);
        this.response = response;
    }
}
