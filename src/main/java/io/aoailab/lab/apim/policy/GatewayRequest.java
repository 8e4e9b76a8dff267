package io.aoailab.lab.apim.policy;

import java.net.URI;
import java.util.Map;

/**
 * {@code context.Request}: what the client sent, as policies may change it before it is forwarded.
 *
 * @param method the HTTP method
 * @param originalUrl the URL the client called, as {@code context.Request.OriginalUrl}
 * @param headers the request headers (policies change them)
 * @param body the request body, empty if none
 * @param ipAddress the client's address
 * @param apiSuffix the path after the API's path, e.g. {@code /openai/responses} for {@code /openai/openai/responses}
 *                  under API path {@code openai}; what is appended to the backend's URL when forwarding
 * @param matchedParameters the operation's template parameters, e.g. {@code response_id}
 */
public record GatewayRequest(String method, URI originalUrl, HeaderMap headers, byte[] body, String ipAddress,
        String apiSuffix, Map<String, String> matchedParameters) {
}
