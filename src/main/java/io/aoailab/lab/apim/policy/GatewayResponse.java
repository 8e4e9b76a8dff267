package io.aoailab.lab.apim.policy;

import java.util.Optional;

/**
 * {@code context.Response}: what the backend (or a policy) answered and the client will get.
 *
 * <p>A backend's answer keeps its body as the backend sends it ({@link #stream()}) until someone needs it whole: the
 * gateway then passes it on chunk by chunk after outbound has run on the headers, as APIM streams a response through
 * (docs/apim-gateway.md §2.3). Reading {@link #body()} (an expression reading {@code context.Response.Body}, a policy
 * that needs the usage of a JSON answer) waits for the whole body and keeps it, as APIM must buffer it then.
 */
public final class GatewayResponse {
    private final int statusCode;
    private final String statusReason;
    private final HeaderMap headers;
    private final StreamedBody stream;
    private byte[] body;

    /**
     * @param statusCode the status
     * @param statusReason the reason phrase, e.g. {@code Service Unavailable}
     * @param headers the response headers (outbound policies change them)
     * @param body the body
     */
    public GatewayResponse(int statusCode, String statusReason, HeaderMap headers, byte[] body) {
        this(statusCode, statusReason, headers, body == null ? new byte[0] : body, null);
    }

    private GatewayResponse(int statusCode, String statusReason, HeaderMap headers, byte[] body, StreamedBody stream) {
        this.statusCode = statusCode;
        this.statusReason = statusReason;
        this.headers = headers;
        this.body = body;
        this.stream = stream;
    }

    /** A backend's answer whose body is still arriving. */
    public static GatewayResponse streaming(int statusCode, String statusReason, HeaderMap headers,
            StreamedBody stream) {
        return new GatewayResponse(statusCode, statusReason, headers, null, stream);
    }

    public int statusCode() {
        return statusCode;
    }

    public String statusReason() {
        return statusReason;
    }

    public HeaderMap headers() {
        return headers;
    }

    /** The whole body; one still arriving from the backend is read to its end first, and kept. */
    public synchronized byte[] body() {
        if (body == null) {
            body = stream.readAll();
        }
        return body;
    }

    /** The backend's body still arriving, unread: what the gateway passes on chunk by chunk. Empty once read. */
    public synchronized Optional<StreamedBody> stream() {
        return body == null ? Optional.of(stream) : Optional.empty();
    }

    /** This answer with another status; the body, read or still arriving, goes with it. */
    public synchronized GatewayResponse withStatus(int newStatus, String newReason) {
        return new GatewayResponse(newStatus, newReason, headers, body, body == null ? stream : null);
    }

    /** This answer with a copy of its headers, for policies to change; the body, read or still arriving, goes with it. */
    public synchronized GatewayResponse withCopiedHeaders() {
        return new GatewayResponse(statusCode, statusReason, headers.copy(), body, body == null ? stream : null);
    }

    /** Closes a body still arriving, unread: the answer was replaced (a retry, a policy's own answer). */
    public synchronized void discard() {
        if (body == null) {
            stream.close();
        }
    }

    @Override
    public String toString() {
        return "GatewayResponse[" + statusCode + " " + statusReason + ", " + (body == null ? "streaming"
                : body.length + " bytes") + "]";
    }
}
