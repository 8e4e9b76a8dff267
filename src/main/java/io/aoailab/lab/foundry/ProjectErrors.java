package io.aoailab.lab.foundry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every error body the project endpoint answers with, each with its source in docs/azure-facts.md (or the public
 * capture it was taken from) and its confidence. The project plane's REST reference gives errors as
 * {@code Azure.Core.Foundations.ErrorResponse} ({@code {"error":{"code","message"}}}) with an {@code x-ms-error-code}
 * header [PRIMARY Foundry project REST reference, "Connections - get with credentials"]; the token gateway keeps its
 * own envelope (§3.2).
 */
final class ProjectErrors {
    static final String AI_AUDIENCE = "https://ai.azure.com";
    /** The api-versions the project plane named in a real refusal (see {@link #unsupportedApiVersion}). */
    static final List<String> SUPPORTED_API_VERSIONS = List.of("v1", "2025-05-01", "2025-05-15-preview");

    private ProjectErrors() {
    }

    /**
     * One error: status, exact body, and the {@code x-ms-error-code} header when the body has an error code.
     *
     * @param errorCode the header's value, or null for the token gateway's envelope, which has none
     */
    record Answer(int status, byte[] body, String errorCode) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        void send(LabExchange exchange) throws IOException {
            if (errorCode != null) {
                exchange.responseHeaders().set("x-ms-error-code", errorCode);
            }
            exchange.respond(status, "application/json; charset=utf-8", body);
        }
    }

    /**
     * docs/azure-facts.md §3.1/§3.2: a missing, invalid, expired or wrong-audience bearer token (e.g. one for cognitiveservices). The
     * gateway envelope with the project plane's audience in it, verbatim from a capture against a Foundry project:
     * {@code { "statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is incorrect
     * (https://ai.azure.com), or have expired." }} [OBSERVED-3P]. Spacing follows §3.2's byte-exact variant.
     */
    static Answer invalidToken() {
        return new Answer(401, ("{\"statusCode\": 401, \"message\": \"Unauthorized. Access token is missing, invalid, "
                + "audience is incorrect (" + AI_AUDIENCE + "), or have expired.\"}").getBytes(StandardCharsets.UTF_8),
                null);
    }

    /**
     * docs/azure-facts.md §3.4/§0.1: a valid token whose principal lacks the data action: HTTP <b>401</b>, with the Foundry-project
     * suffix §3.4 records for project routes [OBSERVED-3P].
     */
    static Answer permissionDenied(String principal, String dataAction, String routeTemplate) {
        return azure(401, "PermissionDenied", "The principal `" + principal + "` lacks the required data action `"
                + dataAction + "` to perform `" + routeTemplate + "` operation. For instructions on granting the "
                + "necessary permissions, see https://aka.ms/FoundryPermissions.");
    }

    /**
     * docs/azure-facts.md §3.7: no api-version on a dated route. The message is the observed one (§3.7, §5.1 for the bare project
     * endpoint) [OBSERVED-3P]; the code {@code BadRequest} is the Azure OpenAI one, UNCONFIRMED on the project plane.
     */
    static Answer missingApiVersion() {
        return azure(400, "BadRequest", "Missing required query parameter: api-version");
    }

    /**
     * An api-version the project plane does not serve: {@code Status: 400 ... ErrorCode: UnsupportedApiVersionValue},
     * message "Unsupported api version '2024-07-01-preview'. The supported versions are 'v1', '2025-05-01',
     * '2025-05-15-preview'" [OBSERVED-3P Azure/azure-sdk-for-net#50120, a Foundry project endpoint, 2025-05-16]. The
     * {@code {"error":{…}}} envelope is inferred from .NET's ErrorCode (read from {@code error.code}).
     */
    static Answer unsupportedApiVersion(String version) {
        StringBuilder supported = new StringBuilder();
        for (String v : SUPPORTED_API_VERSIONS) {
            supported.append(supported.length() == 0 ? "" : ", ").append('\'').append(v).append('\'');
        }
        return azure(400, "UnsupportedApiVersionValue", "Unsupported api version '" + version
                + "'. The supported versions are " + supported);
    }

    /**
     * An unknown project on the account: the message "The project does not exist." with 404 [OBSERVED-3P
     * microsoft-foundry-for-vscode#100 and a README: "A near-miss returns 404 'The project does not exist.'"]; the
     * code is UNCONFIRMED.
     */
    static Answer projectNotFound() {
        return azure(404, "NotFound", "The project does not exist.");
    }

    /** An unknown connection name. UNCONFIRMED: no capture found; Azure.Core's NotFound shape. */
    static Answer connectionNotFound(String name) {
        return azure(404, "NotFound", "Connection '" + name + "' not found.");
    }

    /** docs/azure-facts.md §3.7b: an unknown path, as the Cognitive Services resource answers it [OBSERVED-3P; UNCONFIRMED here]. */
    static Answer resourceNotFound() {
        return azure(404, "404", "Resource not found");
    }

    private static Answer azure(int status, String code, String message) {
        ObjectNode body = LabJson.object();
        body.putObject("error").put("code", code).put("message", message);
        return new Answer(status, LabJson.bytes(body), code);
    }
}
