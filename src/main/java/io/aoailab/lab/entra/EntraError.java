package io.aoailab.lab.entra;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OAuth error answer of Entra's token and discovery endpoints, in Entra's JSON shape:
 * <pre>{"error":"invalid_client","error_description":"AADSTS7000215: ... Trace ID: … Correlation ID: … Timestamp: …",
 *  "error_codes":[7000215],"timestamp":"2023-05-06 06:03:00Z","trace_id":"…","correlation_id":"…",
 *  "error_uri":"https://login.microsoftonline.com/error?code=7000215"}</pre>
 *
 * <p>Texts are verbatim from real responses quoted in public issues and SDK recordings; the source of each is
 * next to its factory. Older responses separate the trailer with {@code \r\n}, recent ones (2024-2025) with a
 * space, which is what the lab sends. None of these texts ever carries a client secret: the only request values
 * they echo are the client id, tenant, grant type, scope and resource.
 *
 * @param status the HTTP status
 * @param error the OAuth {@code error} code
 * @param code the AADSTS number
 * @param message the description up to, not including, the trace trailer
 */
record EntraError(int status, String error, int code, String message) {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /*
     * 400 invalid_tenant. github.com/james-gould/azure-keyvault-emulator/issues/324 (2025-08-18) and
     * microsoftgraph/windowsupdates-webapplication-sample#6 (2023) quote this body with "error":"invalid_tenant";
     * a 2018 capture (microsoftarchive/BatchAI#31) shows "invalid_request" for the same code, so the error name
     * has changed over time. The lab follows the recent captures.
     */
    static EntraError tenantNotFound(String tenant) {
        return new EntraError(400, "invalid_tenant", 90002, "AADSTS90002: Tenant '" + tenant + "' not found. Check to"
                + " make sure you have the correct tenant ID and are signing into the correct cloud. Check with your"
                + " subscription administrator, this may happen if there are no active subscriptions for the tenant.");
    }

    /*
     * 400 invalid_request. MicrosoftDocs/azure-docs#43780 (grant_type) and openid/AppAuth-iOS#671 (client_id)
     * quote "AADSTS900144: The request body must contain the following parameter: '<name>'." with
     * "error":"invalid_request"; a 2026 write-up quotes the same text for a missing 'scope'.
     */
    static EntraError missingParameter(String name) {
        return new EntraError(400, "invalid_request", 900144,
                "AADSTS900144: The request body must contain the following parameter: '" + name + "'.");
    }

    /*
     * 400 unsupported_grant_type. AzureAD/microsoft-authentication-library-for-dotnet#3023 quotes
     * "AADSTS70003: The app requested an unsupported grant type 'authorization_code'."; a recorded Azure body in
     * a Ruby test fixture (2024-03-18) pairs it with "error":"unsupported_grant_type" and status 400.
     */
    static EntraError unsupportedGrantType(String grantType) {
        return new EntraError(400, "unsupported_grant_type", 70003,
                "AADSTS70003: The app requested an unsupported grant type '" + grantType + "'.");
    }

    /*
     * 400 unauthorized_client. Whole bodies captured from /oauth2/v2.0/token: the Microsoft Learn troubleshooting
     * article for the Azure fence agent on SLES/RHEL ("Get Token request returned http error: 400 and server
     * response: {"error":"unauthorized_client","error_description":"AADSTS700016: ...","error_codes":[700016],...}"),
     * the Secrets Store CSI driver troubleshooting notes ("reply status code was 400: {...}") and a 2026 Terraform
     * log ("received HTTP status 400"). The directory is named by display name or id in real answers; the lab uses
     * the tenant id.
     */
    static EntraError applicationNotFound(String clientId, String tenantId) {
        return new EntraError(400, "unauthorized_client", 700016, "AADSTS700016: Application with identifier '"
                + clientId + "' was not found in the directory '" + tenantId + "'. This can happen if the application"
                + " has not been installed by the administrator of the tenant or consented to by any user in the"
                + " tenant. You may have sent your authentication request to the wrong tenant.");
    }

    /*
     * 401 invalid_client. OfficeDev/microsoft-365-agents-toolkit#8621 (2023: "returned http error: 401 and server
     * response: {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. ...")
     * and keycloak/keycloak#31294 (2024, status=401). Names the app, never the secret.
     */
    static EntraError invalidClientSecret(String clientId) {
        return new EntraError(401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided. Ensure"
                + " the secret being sent in the request is the client secret value, not the client secret ID, for a"
                + " secret added to app '" + clientId + "'.");
    }

    /*
     * 401 invalid_client. An azure-sdk-for-js nock recording of a client-credentials call without a secret
     * (2021-01-15): .reply(401, {"error":"invalid_client","error_description":"AADSTS7000216: 'client_assertion',
     * 'client_secret' or 'request' is required for the 'client_credentials' grant type. ..."}).
     */
    static EntraError missingClientCredential() {
        return new EntraError(401, "invalid_client", 7000216, "AADSTS7000216: 'client_assertion', 'client_secret'"
                + " or 'request' is required for the 'client_credentials' grant type.");
    }

    /*
     * 400 invalid_scope. Text from databricks/databricks-sql-nodejs#226 ("invalid_scope (AADSTS1002012: ...") and
     * microsoftgraph/msgraph-sdk-python#181; the status is 400 for every invalid_scope capture seen, but no capture
     * of this code shows the status line itself [UNCONFIRMED status].
     */
    static EntraError scopeWithoutDefault(String scope) {
        return new EntraError(400, "invalid_scope", 1002012, "AADSTS1002012: The provided value for scope " + scope
                + " is not valid. Client credential flows must have a scope value with /.default suffixed to the"
                + " resource identifier (application ID URI).");
    }

    /*
     * 400 invalid_scope. Azure/azure-sdk-for-net#9076 (2019): two .default scopes in one client-credentials
     * request give {"error":"invalid_scope","error_description":"AADSTS70011: The provided request must include a
     * 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope
     * https://management.azure.com/.default https://storage.azure.com/.default is not valid. ..."}.
     */
    static EntraError invalidScope(String scope) {
        return new EntraError(400, "invalid_scope", 70011, "AADSTS70011: The provided request must include a 'scope'"
                + " input parameter. The provided value for the input parameter 'scope' is not valid. The scope "
                + scope + " is not valid.");
    }

    /*
     * 400 invalid_resource. rootinc/laravel-azure-middleware#51 quotes the whole body ({"error":"invalid_resource",
     * "error_description":"AADSTS500011: The resource principal named {id} was not found in the tenant named {id}
     * This can happen ..."}); AzureAD/microsoft-authentication-library-for-objc#1261 has the same text with the
     * period after the tenant. This, not invalid_scope, is what Entra answers for a well-formed '<resource>/.default'
     * naming a resource the tenant does not know [status 400 UNCONFIRMED: no capture shows the status line].
     */
    static EntraError resourceNotFound(String resource, String tenantId) {
        return new EntraError(400, "invalid_resource", 500011, "AADSTS500011: The resource principal named " + resource
                + " was not found in the tenant named " + tenantId + ". This can happen if the application has not"
                + " been installed by the administrator of the tenant or consented to by any user in the tenant."
                + " You might have sent your authentication request to the wrong tenant.");
    }

    /*
     * invalid_request. The text is quoted in several READMEs and app comments ("AADSTS900561: The endpoint only
     * accepts POST requests. Received a GET request."); the status and the error name are [UNCONFIRMED]: no capture
     * of the full body was found.
     */
    static EntraError onlyPost(String method) {
        return new EntraError(400, "invalid_request", 900561,
                "AADSTS900561: The endpoint only accepts POST requests. Received a " + method + " request.");
    }

    /*
     * 400 invalid_instance. Microsoft Learn, MSAL "Instance discovery" (2023 sample body: {"error":"invalid_instance",
     * "error_description":"AADSTS50049: Unknown or invalid instance. ...","error_codes":[50049],...}); MSAL.NET's
     * test doubles record the same body (2021), and MSAL4J's tests answer it with status 400.
     */
    static EntraError unknownInstance() {
        return new EntraError(400, "invalid_instance", 50049, "AADSTS50049: Unknown or invalid instance.");
    }

    /** The JSON body, with the trailer Entra appends to every description. */
    Map<String, Object> body(Instant now, String traceId, String correlationId) {
        String timestamp = TIMESTAMP.format(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", message + " Trace ID: " + traceId + " Correlation ID: " + correlationId
                + " Timestamp: " + timestamp);
        body.put("error_codes", List.of(code));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return body;
    }
}
