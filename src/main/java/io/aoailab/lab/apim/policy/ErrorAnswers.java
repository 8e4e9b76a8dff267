package io.aoailab.lab.apim.policy;

import java.nio.charset.StandardCharsets;

/**
 * The answers APIM gives on its own: from policies (limits, unhandled errors) and from the gateway before any policy
 * runs (subscription keys, unknown operations) or when a pool has no member left.
 *
 * <p><b>Unhandled errors</b> (no on-error response; no gateway response such as a 429 or the pool's 503):
 * {@code 500} with {@code Content-Type: application/json} and
 * {@code { "statusCode": 500, "message": "Internal server error", "activityId": "<request id>" }}. Sources: a wire
 * capture of a {@code BackendConnectionFailure} (nehalineogi/azure-cross-solution-network-architectures,
 * apim/README-troubleshooting.md), the same body for a {@code forward-request} {@code Timeout} (a public "Azure API
 * Management and Functions" timeout write-up), and Microsoft's "Troubleshooting 4xx and 5xx errors with Azure APIM
 * services, part II" (500 for {@code ExpressionValueEvaluationFailure}). That expression failures carry the same body
 * is INFERRED.
 */
public final class ErrorAnswers {

    private ErrorAnswers() {
    }

    static GatewayResponse forFault(PolicyFault fault, PolicyContext context) {
        return fault.response != null ? fault.response : internalError(context);
    }

    static GatewayResponse internalError(PolicyContext context) {
        return json(500, "{ \"statusCode\": 500, \"message\": \"Internal server error\", \"activityId\": \""
                + context.requestId() + "\" }");
    }

    /**
     * A gateway JSON answer {@code { "statusCode": N, "message": "..." }}, one line with the spaces the gateway writes
     * (docs/apim-gateway.md §2.8, §2.10, §4).
     */
    public static GatewayResponse message(int status, String message) {
        return json(status, "{ \"statusCode\": " + status + ", \"message\": \"" + message.replace("\"", "\\\"")
                + "\" }");
    }

    private static GatewayResponse json(int status, String body) {
        HeaderMap headers = new HeaderMap();
        headers.set("Content-Type", "application/json");
        return new GatewayResponse(status, reasonPhrase(status), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static GatewayResponse empty(int status, String reason) {
        return new GatewayResponse(status, reason, new HeaderMap(), new byte[0]);
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
