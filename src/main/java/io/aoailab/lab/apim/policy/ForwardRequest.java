package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * {@code forward-request} (docs/apim-gateway.md §2.3): sends the request as policies left it to the current backend and makes
 * the answer {@code context.Response}, whatever its status. Defaults: timeout 300 s (the wait for the answer's headers,
 * and in the lab for each later piece of its body), no request buffering (a retried request then goes without its
 * body), {@code fail-on-error-status-code} false, {@code buffer-response} true.
 *
 * <p>The answer's body is not read here: it streams through the gateway after outbound has run on the headers, unless
 * a policy reads it ({@link GatewayResponse}); {@code buffer-response} decides how its chunks are passed on
 * ({@link StreamedBody}). An answer this forward replaces (the previous attempt of a retry) is closed unread.
 *
 * <p>{@code http-version}, {@code continue-timeout} and {@code follow-redirects="false"} are accepted and change
 * nothing in the lab (it speaks HTTP/1.1 to backends and never follows redirects).
 */
final class ForwardRequest extends Step {
    static final ForwardOptions DEFAULTS = new ForwardOptions(Duration.ofSeconds(300), false, false, true);

    private final ForwardOptions options;
    private final Value timeout;
    private final boolean timeoutInMillis;

    ForwardRequest(Origin origin, ForwardOptions options) {
        this(origin, options, null, false);
    }

    private ForwardRequest(Origin origin, ForwardOptions options, Value timeout, boolean timeoutInMillis) {
        super(origin);
        this.options = options;
        this.timeout = timeout;
        this.timeoutInMillis = timeoutInMillis;
    }

    static Step load(Element element, Loader loader, Origin origin) throws PolicyException {
        Attrs attrs = new Attrs(element, loader, "timeout", "timeout-ms", "buffer-request-body", "buffer-response",
                "fail-on-error-status-code", "http-version", "continue-timeout", "follow-redirects");
        attrs.noChildren();
        if (attrs.has("timeout") && attrs.has("timeout-ms")) {
            throw attrs.error("timeout-ms", "timeout and timeout-ms are mutually exclusive", "keep one of them");
        }
        if (attrs.literalBool("follow-redirects", false)) {
            throw attrs.error("follow-redirects", "follow-redirects=\"true\" is not supported by the lab",
                    "remove it; backends' redirects go to the client");
        }
        String version = attrs.literal("http-version", false);
        if (version != null && !Set.of("1", "2or1", "2").contains(version.trim().toLowerCase(Locale.ROOT))) {
            throw attrs.error("http-version", "http-version must be 1, 2or1 or 2, not '" + version + "'",
                    "use one of them");
        }
        attrs.integer("continue-timeout", false, 0, Integer.MAX_VALUE);
        boolean millis = attrs.has("timeout-ms");
        Value timeout = millis ? attrs.integer("timeout-ms", false, 0, Integer.MAX_VALUE)
                : attrs.integer("timeout", false, 0, Integer.MAX_VALUE);
        ForwardOptions options = new ForwardOptions(DEFAULTS.timeout(), attrs.literalBool("buffer-request-body", false),
                attrs.literalBool("fail-on-error-status-code", false), attrs.literalBool("buffer-response", true));
        return new ForwardRequest(origin, options, timeout, millis);
    }

    @Override
    void run(Execution ex) throws PolicyFault {
        ForwardOptions effective = options;
        if (timeout != null) {
            long t = timeout.integer(ex, this);
            effective = new ForwardOptions(timeoutInMillis ? Duration.ofMillis(t) : Duration.ofSeconds(t),
                    options.bufferRequestBody(), options.failOnErrorStatusCode(), options.bufferResponse());
        }
        PolicyContext c = ex.context;
        BackendTarget target = c.backendOrNull();
        if (target == null) {
            throw new PolicyFault("forward-request", "BackendConnectionFailure", "No backend service is set: the API "
                    + "has no service URL and no set-backend-service ran.", origin, null);
        }
        GatewayResponse previous = c.responseOrNull();
        if (previous != null) {
            previous.discard();
        }
        GatewayRequest original = c.original();
        GatewayRequest request = new GatewayRequest(original.method(), c.url(), c.requestHeaders().copy(),
                c.takeRequestBodyForForward(effective.bufferRequestBody()), original.ipAddress(),
                original.apiSuffix(), original.matchedParameters());
        BackendAnswer forwarded;
        try {
            forwarded = ex.services.forward(request, target, effective);
        } catch (BackendException e) {
            // Source is the forwarding policy, Reason what the gateway reports (docs/apim-gateway.md §2: forward-request /
            // Timeout, BackendConnectionFailure); the gateway's own answer (e.g. pool exhausted) rides along
            throw new PolicyFault("forward-request", e.reason(), e.getMessage(), origin, e.response());
        }
        GatewayResponse copy = forwarded.response().withCopiedHeaders();
        c.response(copy);
        // context.Request.Url shows where the request went: how a policy learns the member a pool chose (§3.2)
        c.url(forwarded.url());
        if (effective.failOnErrorStatusCode() && copy.statusCode() >= 400 && copy.statusCode() <= 599) {
            // the LastError.Reason APIM reports here is UNCONFIRMED
            throw new PolicyFault("forward-request", "BackendResponseError", "Backend service responded with status "
                    + "code " + copy.statusCode() + ".", origin, copy);
        }
    }
}
