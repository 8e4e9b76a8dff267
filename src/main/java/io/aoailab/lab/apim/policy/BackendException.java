package io.aoailab.lab.apim.policy;

/**
 * Forwarding failed without an HTTP answer, or the pool had no member to offer. {@link #reason()} is what
 * {@code context.LastError.Reason} shows (docs/apim-gateway.md §2): {@code BackendConnectionFailure}, {@code Timeout}, ...
 */
public final class BackendException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final transient GatewayResponse response;

    /**
     * @param response what APIM answers on its own for this failure (e.g. the pool-exhausted 503), or null to let
     *                 on-error and the default error handling decide
     */
    public BackendException(String reason, String message, GatewayResponse response) {
        super(message);
        this.reason = reason;
        this.response = response;
    }

    public String reason() {
        return reason;
    }

    public GatewayResponse response() {
        return response;
    }
}
