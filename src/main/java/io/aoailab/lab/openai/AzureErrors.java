package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error body the account answers with, each with its source in docs/azure-facts.md (or the public capture it
 * was taken from) and its confidence. Two envelopes coexist on the real data plane and both are kept: Azure's
 * gateway/resource errors ({@code {"error":{"code","message"}}}) and the OpenAI-style errors the Responses backend
 * itself produces ({@code {"error":{"message","type","param","code"}}}), which Azure passes through — e.g. a capture
 * of {@code POST https://<ws>.openai.azure.com/openai/responses?api-version=2025-03-01-preview} answering
 * {@code 400 {"error":{"message":"Invalid 'input[1].id': …","type":"invalid_request_error","param":"input[1].id",
 * "code":"invalid_value"}}} (openai/openai-cs-agents-demo#34, OBSERVED-3P).
 */
final class AzureErrors {
    static final String COGNITIVE_SERVICES_AUDIENCE = "https://cognitiveservices.azure.com";

    private AzureErrors() {
    }

    /** docs/azure-facts.md §3.7b: an unknown path on the resource [OBSERVED-3P]. */
    static ErrorAnswer resourceNotFound() {
        return azure(404, "404", "Resource not found");
    }

    /** docs/azure-facts.md §1.1/§3.7: no api-version on the dated surface [OBSERVED-3P]. */
    static ErrorAnswer missingApiVersion() {
        return azure(400, "BadRequest", "Missing required query parameter: api-version");
    }

    /** docs/azure-facts.md §1.1/§3.7: an api-version the surface does not serve, e.g. a dated one on /openai/v1 [OBSERVED-3P]. */
    static ErrorAnswer apiVersionNotSupported() {
        return azure(400, "BadRequest", "API version not supported");
    }

    /** docs/azure-facts.md §3.2: a wrong or missing {@code api-key} (the Azure SDK test recording's body) [OBSERVED-3P]. */
    static ErrorAnswer invalidKey() {
        return azure(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
                + "provide a valid key for an active subscription and use a correct regional API endpoint for your "
                + "resource.");
    }

    /**
     * docs/azure-facts.md §3.2: a bearer token that is invalid, expired or for another audience, in the Cognitive Services gateway's own
     * envelope ({@code statusCode} + {@code message}, no {@code error} object). Verbatim, spaces and grammar included
     * [OBSERVED-3P].
     */
    static ErrorAnswer invalidToken() {
        return invalidToken(COGNITIVE_SERVICES_AUDIENCE);
    }

    /** The same body, naming the audience the surface takes (a Foundry project's is https://ai.azure.com, docs/azure-facts.md §3.1). */
    static ErrorAnswer invalidToken(String audience) {
        return new ErrorAnswer(401, "{\"statusCode\": 401, \"message\": \"Unauthorized. Access token is missing, "
                + "invalid, audience is incorrect (" + audience + "), or have expired.\"}");
    }

    /** docs/azure-facts.md §3.3: key auth on an account with {@code disableLocalAuth=true}; 403 is right here (§0.1) [OBSERVED-3P]. */
    static ErrorAnswer keyAuthDisabled() {
        return azure(403, "AuthenticationTypeDisabled", "Key based authentication is disabled for this resource.");
    }

    /**
     * docs/azure-facts.md §3.4/§0.1: a valid token whose principal lacks the data action. HTTP <b>401</b>, not 403, naming the principal,
     * the data action and the route template [OBSERVED-3P, several independent captures].
     */
    static ErrorAnswer permissionDenied(String principal, String dataAction, String routeTemplate) {
        return permissionDenied(principal, dataAction, routeTemplate, "");
    }

    /** docs/azure-facts.md §3.4: Foundry project routes append a pointer to the permissions page ({@code hint}). */
    static ErrorAnswer permissionDenied(String principal, String dataAction, String routeTemplate, String hint) {
        return azure(401, "PermissionDenied", "The principal `" + principal + "` lacks the required data action `"
                + dataAction + "` to perform `" + routeTemplate + "` operation." + hint);
    }

    /**
     * docs/azure-facts.md §3.6: {@code model} names no deployment of this account [OBSERVED-3P for deployment routes; UNCONFIRMED that
     * Responses uses exactly this body, the same error family is used].
     */
    static ErrorAnswer deploymentNotFound() {
        return azure(404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you created "
                + "the deployment within the last 5 minutes, please wait a moment and try again.");
    }

    /**
     * docs/azure-facts.md §3.7b: {@code previous_response_id} unknown to this resource. OpenAI's body [OBSERVED-3P on OpenAI backends;
     * UNCONFIRMED that Azure's is identical].
     */
    static ErrorAnswer previousResponseNotFound(String id) {
        return openAi(400, "Previous response with id '" + id + "' not found.", "invalid_request_error",
                "previous_response_id", "previous_response_not_found");
    }

    /**
     * GET/DELETE/input_items of an unknown (or deleted, expired, {@code store:false}) response. OpenAI's wording
     * "Response with id '…' not found." as OpenAI-compatible servers reproduce it (vLLM/sglang
     * {@code _make_not_found_error}, a jest fixture) [OBSERVED-3P]. Azure's exact body is UNCONFIRMED (docs/azure-facts.md §7).
     */
    static ErrorAnswer responseNotFound(String id) {
        return openAi(404, "Response with id '" + id + "' not found.", "invalid_request_error", null, null);
    }

    /**
     * A body that is not JSON: OpenAI's wording, seen verbatim in many captures (ChatGPTNextWeb/NextChat#4064,
     * kdalanon/ChatGPT-AutoHotkey-Utility#14) [OBSERVED-3P on OpenAI; UNCONFIRMED on Azure].
     */
    static ErrorAnswer unparseableJson() {
        return openAi(400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
                + "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
                + "valid JSON. If you have trouble figuring out how to fix this, please contact us through our help "
                + "center at help.openai.com.)", "invalid_request_error", null, null);
    }

    /**
     * A request the Responses backend refuses, OpenAI-style (see the class comment). Individual messages follow
     * OpenAI's patterns, e.g. "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but
     * got 5 instead." with code {@code integer_below_min_value} [OBSERVED-3P, several captures]; others are
     * UNCONFIRMED word for word.
     */
    static ErrorAnswer invalidRequest(String message, String param, String code) {
        return openAi(400, message, "invalid_request_error", param, code);
    }

    /**
     * A body over the account's size limit. UNCONFIRMED: no Azure OpenAI capture was found; the shape is the one a
     * third-party Cognitive Services client fixture uses ({@code RequestEntityTooLarge}, "Request body is too large.").
     */
    static ErrorAnswer bodyTooLarge() {
        return azure(413, "RequestEntityTooLarge", "Request body is too large.");
    }

    /**
     * docs/azure-facts.md §3.5: a deployment over its token or call rate limit, with {@code retry-after} (seconds) and
     * {@code retry-after-ms} (§2, PRIMARY provisioned-throughput FAQ). The message template is the observed one; on
     * /openai/v1 without an api-version the Responses capture's "under Azure OpenAI API have exceeded" is used.
     *
     * @param operation e.g. {@code Responses_Create}
     * @param apiVersion the request's api-version, or null when it sent none
     * @param limit {@code "token"} or {@code "call"}
     */
    static ErrorAnswer rateLimited(String operation, String apiVersion, String limit, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        String api = apiVersion == null ? "Azure OpenAI API" : "Azure OpenAI API version " + apiVersion;
        ErrorAnswer plain = azure(429, "429", "Requests to the " + operation + " Operation under " + api
                + " have exceeded " + limit + " rate limit of your current OpenAI S0 pricing tier. Please retry after "
                + seconds + " second" + (seconds == 1 ? "" : "s") + ". Please go here: https://aka.ms/oai/quotaincrease"
                + " if you would like to further increase the default rate limit.");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("retry-after", Long.toString(seconds));
        headers.put("retry-after-ms", Long.toString(Math.max(0, retryAfter.toMillis())));
        return new ErrorAnswer(429, plain.body(), headers);
    }

    /**
     * A failing backend. 500 is Azure's observed server_error body naming the request id (Azure-Samples/
     * azure-search-openai-demo#1390) [OBSERVED-3P]; 502/503/504 are UNCONFIRMED Azure-shaped guesses.
     */
    static ErrorAnswer serverError(int status, String requestId) {
        return switch (status) {
            case 502 -> azure(502, "BadGateway", "The service received an invalid response from an upstream server.");
            case 503 -> azure(503, "ServiceUnavailable",
                    "The service is temporarily unable to process your request. Please try again later.");
            case 504 -> azure(504, "GatewayTimeout", "The service did not respond in time. Please try again later.");
            default -> openAi(status, "The server had an error while processing your request. Sorry about that! You "
                    + "can retry your request, or contact us through an Azure support request at: "
                    + "https://go.microsoft.com/fwlink/?linkid=2213926 if the error persists. (Please include the "
                    + "request ID " + requestId + " in your message.)", "server_error", null, null);
        };
    }

    /**
     * A {@code file_search} tool naming a vector store this account does not have. OpenAI's "… with id '…' not found."
     * pattern (as {@link #responseNotFound}) with HTTP 404; UNCONFIRMED for Azure and for Responses word for word, as
     * no capture of this exact case was found (searched: issues, pages).
     */
    static ErrorAnswer vectorStoreNotFound(String id, String param) {
        return openAi(404, "Vector store with id '" + id + "' not found.", "invalid_request_error", param, null);
    }

    /**
     * {@code file_search} could not reach the vector store's index or files because the account's managed identity
     * lacks a data role there. HTTP <b>400</b>, not 401/403: Azure OpenAI answers a downstream authorization failure
     * of its own identity as a bad configuration of the request, as On Your Data does — a capture reads
     * {@code 400 {"error":{"requestid":"…","code":400,"message":"Invalid AzureCognitiveSearch configuration detected:
     * Call to get ACS index failed. … Azure Search Error: 403, … {"error":{"code":"","message":"Authorization
     * failed."}}"}}} (microsoft/sample-app-aoai-chatGPT#624, OBSERVED-3P). The envelope ({@code requestid}, numeric
     * {@code code}) is that capture's; that file_search on Responses answers the same way, and this message, are
     * UNCONFIRMED. The message names the identity's object id, the data action and the resource so an operator can
     * grant the role; it carries no secret.
     *
     * @param downstream what the downstream service answered its caller, e.g. {@code Azure Search Error: 403, …}
     */
    static ErrorAnswer groundingAccessDenied(String requestId, String vectorStoreId, String identityObjectId,
            String dataAction, String resource, String downstream) {
        return onYourData(requestId, "Invalid file_search configuration detected for vector store '" + vectorStoreId
                + "': the resource's managed identity `" + identityObjectId + "` lacks the required data action `"
                + dataAction + "` on `" + resource + "`.\n" + downstream);
    }

    /**
     * {@code file_search} on an account with no managed identity: nothing can reach the BYO storage and search.
     * UNCONFIRMED: On Your Data's envelope (see {@link #groundingAccessDenied}); the wording is the lab's.
     */
    static ErrorAnswer noManagedIdentity(String requestId, String vectorStoreId) {
        return onYourData(requestId, "Invalid file_search configuration detected for vector store '" + vectorStoreId
                + "': the resource has no managed identity to reach its storage and search service.");
    }

    private static ErrorAnswer onYourData(String requestId, String message) {
        ObjectNode body = LabJson.object();
        body.putObject("error").put("requestid", requestId).put("code", 400).put("message", message);
        return new ErrorAnswer(400, LabJson.bytes(body), Map.of());
    }

    private static ErrorAnswer azure(int status, String code, String message) {
        ObjectNode body = LabJson.object();
        body.putObject("error").put("code", code).put("message", message);
        return new ErrorAnswer(status, LabJson.bytes(body), Map.of());
    }

    private static ErrorAnswer openAi(int status, String message, String type, String param, String code) {
        ObjectNode body = LabJson.object();
        body.putObject("error").put("message", message).put("type", type).put("param", param).put("code", code);
        return new ErrorAnswer(status, LabJson.bytes(body), Map.of());
    }
}
