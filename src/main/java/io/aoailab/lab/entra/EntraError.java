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
 * space, which is what the lab sends. None of these texts ever carries a client secret or an assertion: the only
 * request values they echo are the client id, tenant, grant type, scope and resource, and of a federated assertion
 * its issuer, subject, audience, key id and validity.
 *
 * @param status the HTTP status
 * @param error the OAuth {@code error} code
 * @param code the AADSTS number
 * @param message the description up to, not including, the trace trailer
 */
record EntraError(int status, String error, int code, String message) {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** How the STS writes instants inside descriptions: seven fraction digits, e.g. 2025-08-29T05:47:32.1501147Z. */
    private static final DateTimeFormatter STS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

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

    /*
     * 400 invalid_request. GitLab's Azure Key Vault troubleshooting docs quote "RESPONSE 400 Bad Request
     * AADSTS50027: JWT token is invalid or malformed." for a federated token it could not parse, and an MSAL.NET test
     * fixture records the body with "error":"invalid_request" (2023). docs/azure-facts.md §9.
     */
    static EntraError malformedAssertion() {
        return new EntraError(400, "invalid_request", 50027, "AADSTS50027: JWT token is invalid or malformed.");
    }

    /*
     * 401 invalid_client [status UNCONFIRMED: the captures show the text, not the status line]. Recent captures
     * (2025-2026) name the app: "AADSTS70025: The client '<name>' has no configured federated identity
     * credentials."; a 2024 one (microsoft/AL-Go#1147) reads "Client application has no configured ...", reached
     * through MSAL.NET's invalid_client text. docs/azure-facts.md §9.
     */
    static EntraError noFederatedCredentials(String principalName) {
        return new EntraError(401, "invalid_client", 70025, "AADSTS70025: The client '" + principalName
                + "' has no configured federated identity credentials.");
    }

    /*
     * 401 invalid_client, one code per claim that matched no federated credential of the app: 700211 the issuer
     * (Azure/azure-workload-identity#1200, 2024), 700212 the audience (a recorded body in AthenZ/athenz's
     * AzureAccessTokenProviderTest, 2024, served as 401), 700213 the subject (Azure/login#453, #482; dotnet/maui#31978,
     * 2025). The older single code AADSTS70021 "No matching federated identity record found for presented assertion.
     * Assertion Issuer: '…'. Assertion Subject: '…'. Assertion Audience: '…'." (2022-2023) was replaced by these.
     * The trailer is the 2025 wording seen with 700213; that 700211/700212 changed with it is [UNCONFIRMED].
     * docs/azure-facts.md §9.
     */
    static EntraError noMatchingIssuer(String issuer) {
        return noMatchingRecord(700211, "issuer", issuer);
    }

    static EntraError noMatchingAudience(String audience) {
        return noMatchingRecord(700212, "audience", audience);
    }

    static EntraError noMatchingSubject(String subject) {
        return noMatchingRecord(700213, "subject", subject);
    }

    private static EntraError noMatchingRecord(int code, String claim, String value) {
        return new EntraError(401, "invalid_client", code, "AADSTS" + code + ": No matching federated identity record"
                + " found for presented assertion " + claim + " '" + value + "'. Check your federated identity credential"
                + " Subject, Audience and Issuer against the presented assertion."
                + " https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
    }

    /*
     * 401 invalid_client. Azure/azure-sdk-for-go#18176 shows "RESPONSE 401 Unauthorized" with
     * "error: invalid_client, error_description: AADSTS700024: Client assertion is not within its valid time
     * range..."; the whole text, with its seven-digit fractions, "1970-01-01T00:00:00.0000000Z" for an assertion
     * without nbf, and the space before the last period, is from AzureAD/microsoft-authentication-library-for-java#984
     * (2025). docs/azure-facts.md §9.
     */
    static EntraError assertionOutsideValidity(Instant now, Instant notBefore, Instant expires) {
        return new EntraError(401, "invalid_client", 700024, "AADSTS700024: Client assertion is not within its valid"
                + " time range. Current time: " + STS_TIME.format(now) + ", assertion valid from "
                + STS_TIME.format(notBefore) + ", expiry time of assertion " + STS_TIME.format(expires) + "."
                + " Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .");
    }

    /*
     * invalid_client, status 401 [UNCONFIRMED]. Azure/azure-workload-identity#1232 (2024): a federated token signed by
     * a key its issuer's metadata does not list. Entra names the key by a 40-hex-digit identifier there; the lab
     * names it by the token's kid [UNCONFIRMED which header Entra prints]. docs/azure-facts.md §9.
     */
    static EntraError unknownAssertionKey(String keyId, String issuer) {
        return new EntraError(401, "invalid_client", 7000272, "AADSTS7000272: The certificate with identifier " + keyId
                + " used to sign the federated credential could not be found in the metadata of identity provider "
                + issuer + ". Please validate that your Identity Provider's metadata exposes the key used to sign the"
                + " incoming token.");
    }

    /*
     * invalid_client, status 401. The text is that of a client assertion signed by a certificate that does not
     * verify it (AzureAD/passport-azure-ad#453, Azure/azure-sdk-for-net#29007); that Entra answers a federated token
     * whose listed key does not verify its signature with it too is [UNCONFIRMED]. docs/azure-facts.md §9.
     */
    static EntraError invalidAssertionSignature() {
        return new EntraError(401, "invalid_client", 700027, "AADSTS700027: Client assertion contains an invalid"
                + " signature. [Reason - The provided signature value did not match the expected signature value.]");
    }

    /*
     * 400 invalid_request. Azure/azure-workload-identity#605 (2022): "AADSTS90061: Request to External OIDC endpoint
     * failed." with MSAL.NET's ErrorCode invalid_request: Entra could not fetch the issuer's metadata. The lab fetches
     * nothing, so any issuer but its own GitHub-like one is one it cannot reach. docs/azure-facts.md §9.
     */
    static EntraError externalIssuerUnreachable() {
        return new EntraError(400, "invalid_request", 90061, "AADSTS90061: Request to External OIDC endpoint failed.");
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
