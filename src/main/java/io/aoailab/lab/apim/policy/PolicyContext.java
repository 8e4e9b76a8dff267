package io.aoailab.lab.apim.policy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * APIM's {@code context} for one request (docs/apim-gateway.md §3.1): the request as policies change it, the response once
 * there is one, {@code Variables}, {@code LastError} and the backend {@code forward-request} will use.
 *
 * <p>The gateway builds one per request, sets what the API defines, runs the policy, and reads the outcome:
 * <pre>
 * PolicyContext context = new PolicyContext(request, identity, requestId, now)
 *         .defaultBackend(new BackendTarget.ByUrl(api.serviceUrl()))   // the API's own backend, if it has one
 *         .subscriptionKey(key);                                        // context.Subscription.Key
 * GatewayResponse answer = policy.execute(context, services);
 * context.variables(); context.lastError();                             // for diagnostics
 * </pre>
 *
 * <p><b>Backend.</b> Until a {@code set-backend-service} runs, {@code forward-request} goes to
 * {@link #defaultBackend(BackendTarget)}; with none set it fails as a {@code BackendConnectionFailure}, which is what
 * an API without a service URL does.
 *
 * <p>Not thread-safe: one request, one thread.
 */
public final class PolicyContext {

    /**
     * {@code context.LastError} (docs/apim-gateway.md §2): set when processing jumps to {@code on-error}.
     *
     * @param path the failing element's path within its section, e.g. {@code choose[1]\when[1]\set-header[2]}
     * @param policyId the failing element's {@code id} attribute, or empty
     */
    public record LastError(String source, String reason, String message, String scope, String section, String path,
            String policyId) {
    }

    private final GatewayRequest original;
    private final GatewayIdentity identity;
    private final UUID requestId;
    private final Instant timestamp;
    private final HeaderMap requestHeaders;
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private URI url;
    private byte[] requestBody;
    private boolean requestBodyStreamed;
    private GatewayResponse response;
    private LastError lastError;
    private BackendTarget backend;
    private String subscriptionKey;
    private GatewayServices services;

    public PolicyContext(GatewayRequest request, GatewayIdentity identity, UUID requestId, Instant timestamp) {
        this.original = request;
        this.identity = identity;
        this.requestId = requestId;
        this.timestamp = timestamp;
        this.requestHeaders = request.headers().copy();
        this.url = request.originalUrl();
        this.requestBody = request.body() == null ? new byte[0] : request.body();
    }

    /** The API's own backend: where {@code forward-request} goes until a {@code set-backend-service} runs. */
    public PolicyContext defaultBackend(BackendTarget target) {
        this.backend = target;
        return this;
    }

    /** The subscription key the caller presented, as {@code context.Subscription.Key} shows it. */
    public PolicyContext subscriptionKey(String key) {
        this.subscriptionKey = key;
        return this;
    }

    /** The request as it stands now: what policies made of it, with the body as the next forward would send it. */
    public GatewayRequest request() {
        return new GatewayRequest(original.method(), url, requestHeaders.copy(), requestBody, original.ipAddress(),
                original.apiSuffix(), original.matchedParameters());
    }

    /** {@code context.Response}: the backend's or a policy's answer, empty before there is one. */
    public Optional<GatewayResponse> response() {
        return Optional.ofNullable(response);
    }

    /** {@code context.Variables}, read-only, in the order they were first set. */
    public Map<String, Object> variables() {
        return Collections.unmodifiableMap(variables);
    }

    /** {@code context.LastError}, set once an error made processing jump to on-error. */
    public Optional<LastError> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The backend {@code forward-request} would use now. */
    public Optional<BackendTarget> backend() {
        return Optional.ofNullable(backend);
    }

    public GatewayIdentity identity() {
        return identity;
    }

    public UUID requestId() {
        return requestId;
    }

    public Instant timestamp() {
        return timestamp;
    }

    // ---------------------------------------------------------------- engine side

    GatewayRequest original() {
        return original;
    }

    HeaderMap requestHeaders() {
        return requestHeaders;
    }

    URI url() {
        return url;
    }

    void url(URI url) {
        this.url = url;
    }

    byte[] requestBody() {
        return requestBody;
    }

    /** set-body on the request: a new, buffered body that a later forward sends again. */
    void requestBody(byte[] body) {
        this.requestBody = body;
        this.requestBodyStreamed = false;
    }

    /**
     * The body for the next forward. Without {@code buffer-request-body} the first forward streams it away and later
     * ones (a retry) send nothing, as in APIM (docs/apim-gateway.md §2.3).
     */
    byte[] takeRequestBodyForForward(boolean buffer) {
        byte[] body = requestBodyStreamed ? new byte[0] : requestBody;
        if (!buffer) {
            requestBodyStreamed = true;
        }
        return body;
    }

    GatewayResponse responseOrNull() {
        return response;
    }

    void response(GatewayResponse response) {
        this.response = response;
    }

    Map<String, Object> mutableVariables() {
        return variables;
    }

    LastError lastErrorOrNull() {
        return lastError;
    }

    void lastError(LastError error) {
        this.lastError = error;
    }

    BackendTarget backendOrNull() {
        return backend;
    }

    void backend(BackendTarget target) {
        this.backend = target;
    }

    String subscriptionKey() {
        return subscriptionKey;
    }

    void bind(GatewayServices services) {
        this.services = services;
    }

    GatewayServices services() {
        return services;
    }

    /** {@code context.Elapsed}: time since the request arrived, on the gateway's clock. */
    Duration elapsed() {
        if (services == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(timestamp, services.clock().instant());
        return d.isNegative() ? Duration.ZERO : d;
    }
}
