package io.aoailab.lab.search;

import io.aoailab.lab.http.LabJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Every error the lab's Search service answers with, each with its source and confidence. Search's own envelope is
 * {@code {"error":{"code":"","message":"…"}}}: the {@code code} is present and <em>empty</em> in every captured body,
 * e.g. a skillset quota error quoted raw in Azure/azure-rest-api-specs#15178 (OBSERVED-3P, maintainers' thread), which
 * is also why the SDKs print {@code () message} for Search errors.
 *
 * <p>Sources named below:
 * <ul>
 *   <li>{@code sample-app#624}: microsoft/sample-app-aoai-chatGPT#624, a raw 403 from
 *       {@code GET /indexes/<name>?api-version=2021-04-30-Preview} with an Entra identity lacking a data-plane role.</li>
 *   <li>{@code sk#3015}: microsoft/semantic-kernel#3015, a raw 404 "Content:" block from the .NET SDK.</li>
 *   <li>{@code py-recordings}: Azure/azure-sdk-for-python {@code sdk/search/azure-search-documents/tests/recordings},
 *       real service recordings (headers and bodies) made by the SDK team.</li>
 *   <li>{@code status-codes}: learn.microsoft.com/rest/api/searchservice/http-status-codes (PRIMARY): 401 "credentials
 *       are missing", 403 "authorization fails" (older revisions: "when you pass an invalid api-key").</li>
 *   <li>{@code get-started-rest}: MicrosoftDocs/azure-ai-docs search-get-started-rest.md (PRIMARY): an unusable token
 *       gets {@code WWW-Authenticate: Bearer realm="Azure Cognitive Search" error="invalid_token"
 *       error_description="Authentication token failed validation."}.</li>
 * </ul>
 */
final class SearchErrors {
    /** The realm Search names in its bearer challenges (get-started-rest, PRIMARY). */
    static final String REALM = "Azure Cognitive Search";

    private SearchErrors() {
    }

    /**
     * A valid Entra token whose principal lacks the role: <b>403</b> {@code Authorization failed.} (sample-app#624,
     * OBSERVED-3P). Unlike Azure OpenAI (401 PermissionDenied, docs/azure-facts.md §0.1), Search answers 403.
     */
    static ErrorReply authorizationFailed() {
        return search(403, "Authorization failed.");
    }

    /**
     * An {@code api-key} that is no key of this service: 403 (status-codes, PRIMARY). Body UNCONFIRMED: the lab sends
     * none; the Python SDK's generic "Operation returned an invalid status 'Forbidden'" in key-auth reports (e.g.
     * Azure-Samples/azure-search-openai-demo#232) is what azure-core prints when a 403 has no error body.
     */
    static ErrorReply invalidKey() {
        return ErrorReply.empty(403);
    }

    /**
     * A query key used for anything but reading documents: query keys give "read-only access, scoped to the documents
     * collection of a search index" (search-security-api-keys.md, PRIMARY). Status 403 as for any unusable key; body
     * UNCONFIRMED (none, as {@link #invalidKey()}).
     */
    static ErrorReply queryKeyNotAllowed() {
        return ErrorReply.empty(403);
    }

    /**
     * An {@code api-key} in the query string: "You can't pass an admin key on the URI" (search-security-api-keys.md,
     * PRIMARY); the refusal's text is from Azure/azure-search-vector-samples#55 (OBSERVED-3P).
     */
    static ErrorReply keyInQueryString() {
        return search(403, "The given API key is not permitted in the URI query string.");
    }

    /**
     * A bearer token that fails validation (bad signature, expired, another audience, not a JWT): 401 with Search's
     * {@code invalid_token} challenge (get-started-rest, PRIMARY). Body UNCONFIRMED: the lab sends none.
     */
    static ErrorReply invalidToken() {
        return ErrorReply.empty(401).with("WWW-Authenticate", "Bearer realm=\"" + REALM
                + "\" error=\"invalid_token\" error_description=\"Authentication token failed validation.\"");
    }

    /**
     * No credential at all: 401 "credentials are missing" (status-codes, PRIMARY). The bare challenge (RFC 6750 §3,
     * realm as in get-started-rest) and the empty body are UNCONFIRMED.
     */
    static ErrorReply missingCredentials() {
        return ErrorReply.empty(401).with("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
    }

    /**
     * An index the service does not have (sk#3015, OBSERVED-3P; same text in Azure-Samples/azure-search-openai-demo#79).
     */
    static ErrorReply indexNotFound(String index, String service) {
        return search(404, "The index '" + index + "' for service '" + service + "' was not found.");
    }

    /** A document lookup for a key the index does not hold: 404 with <em>no body</em> (py-recordings, OBSERVED). */
    static ErrorReply documentNotFound() {
        return ErrorReply.empty(404);
    }

    /**
     * A missing api-version: text OBSERVED-3P (several captures of AI Search answering 400 with it, e.g. behind a
     * gateway that stripped the query string). That an <em>unsupported</em> version gets the same body is UNCONFIRMED.
     */
    static ErrorReply invalidApiVersion() {
        return search(400, "Invalid or missing api-version query string parameter.");
    }

    /** A path the lab does not serve. Status 404 as Search answers unknown resources; body UNCONFIRMED (none). */
    static ErrorReply unknownPath() {
        return ErrorReply.empty(404);
    }

    /** A known path with the wrong method: 405 "Method Not Supported" (status-codes, PRIMARY); body UNCONFIRMED. */
    static ErrorReply methodNotAllowed() {
        return ErrorReply.empty(405);
    }

    /**
     * A bad OData expression in {@code $filter}, {@code $select}…: "Invalid expression: …\r\nParameter name: $filter"
     * (OBSERVED-3P: run-llama/llama_index#13513, Azure-Samples/azure-search-openai-demo#1591, MicrosoftLearning
     * mslearn-knowledge-mining#19 for {@code $select}; the {@code \r\n} as in third-party fixtures of raw bodies).
     */
    static ErrorReply invalidExpression(String detail, String parameter) {
        return search(400, "Invalid expression: " + detail + "\r\nParameter name: " + parameter);
    }

    /**
     * A document field the index does not define, in an indexing batch (OBSERVED-3P, raw 400 bodies quoted in several
     * public projects, with this api-version clause since 2023).
     */
    static ErrorReply unknownDocumentField(String field, String apiVersion) {
        return search(400, "The request is invalid. Details: The property '" + field + "' does not exist on type "
                + "'search.documentFields' or is not present in the API version '" + apiVersion + "'. Make sure to only "
                + "use property names that are defined by the type.");
    }

    /** A {@code searchFields} entry the index lacks or cannot search (texts UNCONFIRMED). */
    static ErrorReply badSearchField(String field, boolean exists) {
        return search(400, exists ? "The field '" + field + "' in the search field list is not searchable."
                : "Unknown field '" + field + "' in search field list.");
    }

    /** A body larger than the lab accepts; Search's limit and body are UNCONFIRMED ("approximately 16 MB"). */
    static ErrorReply bodyTooLarge() {
        return ErrorReply.empty(413);
    }

    /**
     * Any other malformed request: "The request is invalid. Details: …" as Search words them (see
     * {@link #unknownDocumentField}); the details after it are the lab's own (UNCONFIRMED).
     */
    static ErrorReply invalidRequest(String details) {
        return search(400, "The request is invalid. Details: " + details);
    }

    /**
     * A request parameter the lab's engine does not implement (ordering, facets, vectors, semantic ranking). A LAB
     * answer, not Search's: failing loudly beats answering as if the parameter had been honoured.
     */
    static ErrorReply notSupportedByLab(String parameter) {
        return search(400, "The lab's AI Search emulator does not support '" + parameter + "'.");
    }

    /**
     * Throttling: Search sheds load with 503 (status-codes; "search queries and index requests will start to get
     * throttled … 429 or 503"). The text is OBSERVED-3P (MicrosoftDocs/azure-docs#54546); {@code Retry-After} in
     * seconds is UNCONFIRMED for Search but is what azure-core's retry policy honours.
     */
    static ErrorReply throttled(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return search(503, "Failed to execute request. Reduce the rate of requests, or adjust the number of "
                + "replicas/partitions. See http://aka.ms/azure-search-throttling for more information.")
                .with("Retry-After", Long.toString(seconds));
    }

    /** An injected server error; status as injected, text UNCONFIRMED. */
    static ErrorReply serverError(int status) {
        return search(status, "An internal error occurred while processing the request.");
    }

    private static ErrorReply search(int status, String message) {
        var body = LabJson.object();
        body.putObject("error").put("code", "").put("message", message);
        return new ErrorReply(status, LabJson.string(body).getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
