package io.aoailab.lab.apim.policy;

/**
 * {@code context.Response}: what the backend (or a policy) answered and the client will get.
 *
 * @param statusCode the status
 * @param statusReason the reason phrase, e.g. {@code Service Unavailable}
 * @param headers the response headers (outbound policies change them)
 * @param body the body
 */
public record GatewayResponse(int statusCode, String statusReason, HeaderMap headers, byte[] body) {
}
