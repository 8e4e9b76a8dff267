package io.aoailab.lab.storage;

import io.aoailab.lab.storage.StorageError.Front;
import java.util.Map;

/**
 * Every error the blob service answers with, each with its source and confidence. Source keys used below:
 *
 * <ul>
 *   <li><b>[ENTRA-DOC]</b> Microsoft, "Authorize with Microsoft Entra ID (REST API) - Azure Storage",
 *       learn.microsoft.com/rest/api/storageservices/authorize-with-azure-active-directory (MicrosoftDocs/
 *       azure-docs-rest-apis {@code docs-ref-conceptual/storageservices/authorize-with-azure-active-directory.md})
 *       [PRIMARY]: the bearer challenge sample and the RBAC action per operation.</li>
 *   <li><b>[CODES-DOC]</b> Microsoft, "Common REST API error codes" and "Blob Storage error codes",
 *       learn.microsoft.com/rest/api/storageservices/common-rest-api-error-codes and …/blob-service-error-codes
 *       [PRIMARY]: codes, statuses and messages. Where a wire capture words a message differently from the table, the
 *       capture wins, since the lab imitates the wire.</li>
 *   <li><b>[JS-RECORDINGS]</b> Azure/azure-sdk-for-js, real-service recordings under {@code sdk/storage/storage-blob/
 *       recordings/node/…} and {@code sdk/storage/storage-file-datalake/recordings/node/datalakefilesystemclient_nodejs_only/
 *       recording_datalakefilesystemclient_bearer_token_challenge_should_work.js} [OBSERVED-3P, Microsoft's own
 *       recordings]: whole bodies and header sets. Their {@code Content-Length} is 3 bytes more than the recorded text
 *       (279 for a 276-byte 403 body, 406 for a 403-byte 401 body): the UTF-8 byte-order mark the recorder decoded
 *       away. Azure/Azurite#2603 confirms real Storage prefixes its XML with that mark, and Azure/azure-sdk-for-rust#1092
 *       shows it before a List Blobs body.</li>
 * </ul>
 */
final class StorageErrors {
    private StorageErrors() {
    }

    // --- authentication (the HTTP front end answers: Server: Microsoft-HTTPAPI/2.0, no x-ms-version) ---

    /**
     * No credential at all (with a version that knows the bearer challenge, 2019-12-12 or later). Body and challenge
     * as [ENTRA-DOC]'s "Sample response to bearer challenge", and [CODES-DOC]: 401 "Server failed to authenticate the
     * request. Please refer to the information in the www-authenticate header." The challenge names the account's
     * tenant and Storage's resource id; the SDK's {@code StorageBearerTokenChallengeAuthorizationPolicy} splits it on
     * spaces and asks for {@code resource_id + "/.default"} in that tenant (verified in azure-storage-common 12.32.2).
     */
    static StorageError noAuthenticationInformation(String tenantId) {
        return new StorageError(401, "NoAuthenticationInformation", AUTHENTICATE_MESSAGE, Map.of(),
                Map.of("WWW-Authenticate", challenge(tenantId)), Front.AUTHENTICATION);
    }

    /**
     * A bearer token Storage refuses (bad signature, expired, another tenant): 401 InvalidAuthenticationInfo with the
     * same challenge, from the front end ({@code Server: Microsoft-HTTPAPI/2.0}, no {@code x-ms-version})
     * [JS-RECORDINGS, 2023]. Storage adds an {@code <AuthenticationErrorDetail>} naming the failed check; the lab words
     * only the audience check as Storage does ({@link #audienceMismatch}), and leaves the detail out for the others
     * ("Lifetime validation failed. The token is expired." and the rest are not confirmed verbatim). Known gap.
     */
    static StorageError invalidAuthenticationInfo(String tenantId) {
        return new StorageError(401, "InvalidAuthenticationInfo", AUTHENTICATE_MESSAGE, Map.of(),
                Map.of("WWW-Authenticate", challenge(tenantId)), Front.AUTHENTICATION);
    }

    /**
     * A genuine, current token for another audience (e.g. Azure OpenAI's): 401 InvalidAuthenticationInfo with the
     * challenge and {@code <AuthenticationErrorDetail>Audience validation failed. Audience did not match.
     * </AuthenticationErrorDetail>}, as Microsoft's recordings of the blob endpoint show it (docs/azure-facts.md §8;
     * [JS-RECORDINGS], storage-file-datalake {@code recording_datalakefilesystemclient_bearer_token_challenge_should_work.js}
     * and storage-blob {@code recording_bearer_token_challenge_should_work.js}, 2023).
     */
    static StorageError audienceMismatch(String tenantId) {
        return invalidAuthenticationInfo(tenantId).withDetail("AuthenticationErrorDetail",
                "Audience validation failed. Audience did not match.");
    }

    /**
     * {@code Authorization: Bearer …} without {@code x-ms-version} (or with one older than 2017-11-09, the first that
     * takes OAuth, [ENTRA-DOC]): 403 AuthenticationFailed with {@code <AuthenticationErrorDetail>Authentication scheme
     * Bearer is not supported in this version.</AuthenticationErrorDetail>}, captured with curl in "Access the Azure
     * Storage REST API using an OAuth2 bearer token", blog.stigok.com 2022-03-09 [OBSERVED-3P]. That capture has
     * {@code Server: Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0} and no {@code x-ms-error-code}.
     */
    static StorageError bearerNeedsVersion() {
        return new StorageError(403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure the "
                + "value of Authorization header is formed correctly including the signature.",
                Map.of("AuthenticationErrorDetail", "Authentication scheme Bearer is not supported in this version."),
                Map.of(), Front.VERSIONLESS);
    }

    /**
     * An anonymous request with a version older than the bearer challenge (or none), on an account that forbids
     * anonymous access (the lab's accounts all do): "the service returns error code 409 (Conflict)" [ENTRA-DOC,
     * "Responses to anonymous read requests"]; message from many captures, e.g. "Public access is not permitted on
     * this storage account." [OBSERVED-3P]. Headers for this case are UNCONFIRMED; the lab answers as the service.
     */
    static StorageError publicAccessNotPermitted() {
        return new StorageError(409, "PublicAccessNotPermitted", "Public access is not permitted on this storage account.");
    }

    /**
     * {@code Authorization: SharedKey …}: the lab's storage accounts hold no account keys, as a BYO account with
     * "Allow storage account key access" disabled (allowSharedKeyAccess=false) — 403 KeyBasedAuthenticationNotPermitted
     * "Key based authentication is not permitted on this storage account." [OBSERVED-3P, error write-ups quoting
     * the body]. Headers UNCONFIRMED; the lab answers as the service.
     */
    static StorageError keyBasedAuthenticationNotPermitted() {
        return new StorageError(403, "KeyBasedAuthenticationNotPermitted",
                "Key based authentication is not permitted on this storage account.");
    }

    /**
     * An {@code Authorization} scheme Storage does not know (not Bearer, SharedKey or SharedKeyLite): 400
     * InvalidAuthenticationInfo "Authentication information is not given in the correct format. Check the value of
     * Authorization header." — [CODES-DOC] has the code and status; that wording is the one the service sends in
     * captures [OBSERVED-3P].
     */
    static StorageError malformedAuthorization() {
        return new StorageError(400, "InvalidAuthenticationInfo",
                "Authentication information is not given in the correct format. Check the value of Authorization header.");
    }

    /** A malformed {@code x-ms-version}: 400 InvalidHeaderValue [CODES-DOC] with the header named, as Storage does. */
    static StorageError invalidVersion(String value) {
        return new StorageError(400, "InvalidHeaderValue",
                "The value for one of the HTTP headers is not in the correct format.")
                .withDetail("HeaderName", "x-ms-version").withDetail("HeaderValue", value);
    }

    // --- authorization ---

    /**
     * The caller is known but no role grants the action at this scope: 403 AuthorizationPermissionMismatch, body,
     * {@code x-ms-error-code}, {@code x-ms-version} and {@code Server: Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0}
     * exactly as [JS-RECORDINGS] {@code storage-blob/…/recording_generateaccountsasqueryparameters_should_not_work_with_
     * invalid_permission.js} (2019) and the 2025 header capture in Azure/kusto-copy#79 [OBSERVED-3P]. Storage answers
     * 403 here — unlike Azure OpenAI's 401 (docs/azure-facts.md §0.1, §4).
     */
    static StorageError authorizationPermissionMismatch() {
        return new StorageError(403, "AuthorizationPermissionMismatch",
                "This request is not authorized to perform this operation using this permission.");
    }

    // --- resources ---

    /** [CODES-DOC] Blob Storage error codes: 404 "The specified container does not exist." */
    static StorageError containerNotFound() {
        return new StorageError(404, "ContainerNotFound", "The specified container does not exist.");
    }

    /** [CODES-DOC] Blob Storage error codes: 409 "The specified container already exists." */
    static StorageError containerAlreadyExists() {
        return new StorageError(409, "ContainerAlreadyExists", "The specified container already exists.");
    }

    /** [CODES-DOC] Blob Storage error codes: 404 "The specified blob does not exist." (also in many captures). */
    static StorageError blobNotFound() {
        return new StorageError(404, "BlobNotFound", "The specified blob does not exist.");
    }

    /**
     * [CODES-DOC] Blob Storage error codes: 409 "The specified blob already exists." — what Put Blob answers under
     * {@code If-None-Match: *}, which the Java SDK sends for {@code upload(data)} without overwrite.
     */
    static StorageError blobAlreadyExists() {
        return new StorageError(409, "BlobAlreadyExists", "The specified blob already exists.");
    }

    /**
     * [CODES-DOC] ConditionNotMet: 412 for a write, 304 for a read. The wire wording "The condition specified using
     * HTTP conditional header(s) is not met." is from Storage captures [OBSERVED-3P]; the table words it differently.
     */
    static StorageError conditionNotMet(int status) {
        return new StorageError(status, "ConditionNotMet",
                "The condition specified using HTTP conditional header(s) is not met.");
    }

    /** [CODES-DOC] 400 InvalidResourceName: a container name outside Storage's naming rules. */
    static StorageError invalidResourceName() {
        return new StorageError(400, "InvalidResourceName", "The specified resource name contains invalid characters.");
    }

    /** [CODES-DOC] 416 InvalidRange: a range starting at or past the end of the blob. */
    static StorageError invalidRange() {
        return new StorageError(416, "InvalidRange", "The range specified is invalid for the current size of the resource.");
    }

    /**
     * 400 Md5Mismatch: {@code Content-MD5} does not match the body. [CODES-DOC] has the code and status; the wire
     * wording ("did not match with") is as hadoop-azure's {@code AzureServiceErrorCode.MD5_MISMATCH} quotes it
     * [OBSERVED-3P].
     */
    static StorageError md5Mismatch() {
        return new StorageError(400, "Md5Mismatch",
                "The MD5 value specified in the request did not match with the MD5 value calculated by the server.");
    }

    // --- request shape ---

    /**
     * 400 MissingRequiredHeader, e.g. Put Blob without {@code x-ms-blob-type}; wording and {@code <HeaderName>} from
     * captures of exactly that case (2023, 2024) [OBSERVED-3P].
     */
    static StorageError missingRequiredHeader(String header) {
        return new StorageError(400, "MissingRequiredHeader",
                "An HTTP header that's mandatory for this request is not specified.").withDetail("HeaderName", header);
    }

    /** 400 InvalidHeaderValue [CODES-DOC], naming the header and value, e.g. a blob type the lab does not serve. */
    static StorageError invalidHeaderValue(String header, String value) {
        return new StorageError(400, "InvalidHeaderValue",
                "The value for one of the HTTP headers is not in the correct format.")
                .withDetail("HeaderName", header).withDetail("HeaderValue", value);
    }

    /**
     * 400 InvalidQueryParameterValue with {@code QueryParameterName}/{@code QueryParameterValue}/{@code Reason}, as in
     * [JS-RECORDINGS] (e.g. {@code versionid} on Delete Blob). The lab also answers this to a {@code comp} or
     * {@code restype} it does not serve (Put Block, metadata, leases …): a lab limitation, named in the Reason.
     */
    static StorageError invalidQueryParameterValue(String name, String value, String reason) {
        return new StorageError(400, "InvalidQueryParameterValue",
                "Value for one of the query parameters specified in the request URI is invalid.")
                .withDetail("QueryParameterName", name).withDetail("QueryParameterValue", value)
                .withDetail("Reason", reason);
    }

    /**
     * 400 OutOfRangeQueryParameterValue, e.g. {@code maxresults=0}; wording and detail elements from Storage captures
     * of the same error on another parameter [JS-RECORDINGS, queue]. The Minimum/MaximumAllowed Storage names for
     * {@code maxresults} are UNCONFIRMED; the lab names 1 and 5000, the documented page bounds.
     */
    static StorageError outOfRangeQueryParameterValue(String name, String value, long min, long max) {
        return new StorageError(400, "OutOfRangeQueryParameterValue",
                "One of the query parameters specified in the request URI is outside the permissible range.")
                .withDetail("QueryParameterName", name).withDetail("QueryParameterValue", value)
                .withDetail("MinimumAllowed", Long.toString(min)).withDetail("MaximumAllowed", Long.toString(max));
    }

    /**
     * [CODES-DOC] 400 InvalidUri "The requested URI does not represent any resource on the server." — e.g. {@code GET /}
     * with neither {@code comp} nor {@code restype}.
     */
    static StorageError invalidUri() {
        return new StorageError(400, "InvalidUri", "The requested URI does not represent any resource on the server.");
    }

    /** [CODES-DOC] 405 UnsupportedHttpVerb, e.g. POST to a blob. */
    static StorageError unsupportedHttpVerb() {
        return new StorageError(405, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb.");
    }

    /**
     * [CODES-DOC] 413 RequestBodyTooLarge. Used for the lab's own bound on what it stores (its bounded in-memory
     * store): real Storage takes blobs of up to about 5000 MiB per Put Blob and has no such account-wide bound, so
     * when the lab answers this for a full store it is a lab limit, Storage-shaped.
     */
    static StorageError requestBodyTooLarge() {
        return new StorageError(413, "RequestBodyTooLarge",
                "The size of the request body exceeds the maximum size permitted.");
    }

    // --- faults ---

    /** [CODES-DOC] 503 ServerBusy, the generic throttling message (the others name ingress, egress or operations). */
    static StorageError serverBusy() {
        return new StorageError(503, "ServerBusy",
                "The server is currently unable to receive requests. Please retry your request.");
    }

    /**
     * [CODES-DOC] 500 InternalError. A fault asking for another 5xx (502, 504) gets the same code with that status:
     * what Storage answers there is UNCONFIRMED.
     */
    static StorageError internalError(int status) {
        return new StorageError(status, "InternalError",
                "The server encountered an internal error. Please retry the request.");
    }

    static final String STORAGE_RESOURCE = "https://storage.azure.com";

    private static final String AUTHENTICATE_MESSAGE =
            "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.";

    /** [ENTRA-DOC] and [JS-RECORDINGS]: space-separated, unquoted, the tenant in the authorize URI's path. */
    static String challenge(String tenantId) {
        return "Bearer authorization_uri=https://login.microsoftonline.com/" + tenantId
                + "/oauth2/authorize resource_id=" + STORAGE_RESOURCE;
    }
}
