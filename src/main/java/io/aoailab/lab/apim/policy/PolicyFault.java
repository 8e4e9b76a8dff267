package io.aoailab.lab.apim.policy;

/**
 * An error that makes processing jump to on-error (docs/apim-gateway.md §2): what {@code context.LastError} will show, and
 * the response APIM itself answers with for it, if it has one (a 429 of a rate limit, the gateway's pool-exhausted
 * 503), which on-error sees as {@code context.Response}.
 */
final class PolicyFault extends Exception {
    private static final long serialVersionUID = 1L;
    final String source;
    final String reason;
    final transient Step.Origin origin;
    final transient GatewayResponse response;

    PolicyFault(String source, String reason, String message, Step.Origin origin, GatewayResponse response) {
        super(message, null, false, false);
        this.source = source;
        this.reason = reason;
        this.origin = origin;
        this.response = response;
    }
}
