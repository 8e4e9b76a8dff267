package io.aoailab.lab.apim;

import io.aoailab.lab.apim.policy.BackendTarget;
import io.aoailab.lab.apim.policy.ErrorAnswers;
import io.aoailab.lab.apim.policy.GatewayIdentity;
import io.aoailab.lab.apim.policy.GatewayRequest;
import io.aoailab.lab.apim.policy.GatewayResponse;
import io.aoailab.lab.apim.policy.HeaderMap;
import io.aoailab.lab.apim.policy.InMemoryCounterStore;
import io.aoailab.lab.apim.policy.InMemoryValueCache;
import io.aoailab.lab.apim.policy.Policy;
import io.aoailab.lab.apim.policy.PolicyContext;
import io.aoailab.lab.apim.policy.StreamedBody;
import io.aoailab.lab.entra.EntraAuthority;
import io.aoailab.lab.http.BodyTooLargeException;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.ApimSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * The lab's API Management gateway: the OpenAI API under its path, subscription keys checked before any policy
 * runs (docs/apim-gateway.md §4), then the API's policy file executed by the policy engine, with the backends, pools and
 * circuit breakers of the topology behind {@code forward-request}.
 */
public final class ApimGateway implements LabHandler {
    private static final long MAX_BODY = 16L * 1024 * 1024;
    // the Responses API's operations, as the OpenAPI definition imported into APIM names them (docs/apim-gateway.md §4)
    private static final Pattern OPERATION = Pattern.compile("(/v1)?/responses(?:/([^/]+)(/input_items)?)?/?");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "content-length", "transfer-encoding",
            "keep-alive", "date");

    private final ApimSpec spec;
    private final Policy policy;
    private final Subscriptions subscriptions;
    private final ApimGatewayState state;
    private final TokenMetrics tokenMetrics = new TokenMetrics();

    /**
     * @param policy the API's policy, already parsed (a broken policy stops the lab at start)
     * @param accountUrl an account's name to its URL as the gateway reaches it
     * @param backendClient the HTTP client the gateway forwards with (trusts the lab, resolves its hosts)
     */
    public ApimGateway(ApimSpec spec, Policy policy, EntraAuthority authority, Function<String, URI> accountUrl,
            OkHttpClient backendClient, Clock clock) {
        this.spec = spec;
        this.policy = policy;
        this.subscriptions = new Subscriptions(spec);
        this.state = new ApimGatewayState(new ApimBackends(spec, accountUrl), new BackendForwarder(backendClient),
                new InMemoryCounterStore(clock), new InMemoryValueCache(clock), tokenMetrics, clock, authority,
                spec.identity());
    }

    /** The primary key of a subscription of the topology, whatever its state. */
    public LabSecret primaryKey(String subscription) {
        return subscriptions.byName(subscription).map(Subscriptions.Issued::primaryKey).orElseThrow(() ->
                new NoSuchElementException("The gateway has no subscription '" + subscription + "'; it has "
                        + subscriptions.all().stream().map(s -> s.spec().name()).toList()));
    }

    /** Every subscription's primary and secondary key, as generated at start. */
    public List<LabSecret> subscriptionKeys() {
        return subscriptions.all().stream().flatMap(s -> java.util.stream.Stream.of(s.primaryKey(), s.secondaryKey()))
                .toList();
    }

    /** The first active subscription: the one the suite and lab.env use. */
    public String defaultSubscription() {
        return subscriptions.all().stream().filter(s -> s.spec().active()).findFirst()
                .map(s -> s.spec().name()).orElseThrow(() -> new IllegalStateException("the gateway has no active"
                        + " subscription; add one to the topology's apim.subscriptions"));
    }

    /** The token metrics the policy emitted: the gateway's one record of token use. */
    public TokenMetrics tokenMetrics() {
        return tokenMetrics;
    }

    /** Each backend's circuit-breaker trips so far. */
    public Map<String, Integer> breakerTrips() {
        return state.backends().trips();
    }

    @Override
    public void handle(LabExchange exchange) throws IOException {
        String prefix = "/" + spec.api().path();
        String path = exchange.path();
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            apimError(exchange, 404, "Resource not found");
            return;
        }
        String suffix = path.substring(prefix.length());
        Matcher operation = OPERATION.matcher(suffix);
        if (!operation.matches() || !allowed(exchange.method(), operation)
                || !spec.api().routes(operation.group(1) != null)) {
            apimError(exchange, 404, "Resource not found");
            return;
        }
        // only the API's own names are read: after a rename, Ocp-Apim-Subscription-Key is just another header, and the
        // query parameter counts only when the header is absent (docs/apim-gateway.md §4)
        Optional<String> key = exchange.header(spec.api().keyHeader()).or(() -> exchange.query(spec.api().keyQuery()));
        Optional<Subscriptions.Issued> subscription = key.flatMap(subscriptions::byKey);
        if (spec.api().requiresSubscription() && key.isEmpty()) {
            // SubscriptionKeyNotFound, verbatim as observed on the wire: "... to an API." (docs/apim-gateway.md §4)
            accessDenied(exchange, "Access denied due to missing subscription key. Make sure to include subscription key"
                    + " when making requests to an API.");
            return;
        }
        if (spec.api().requiresSubscription() && subscription.isEmpty()) {
            // SubscriptionKeyInvalid: a key no subscription has, and a suspended subscription's, since only "a valid key
            // for an active subscription" is let in (docs/apim-gateway.md §4)
            accessDenied(exchange, "Access denied due to invalid subscription key. Make sure to provide a valid key for"
                    + " an active subscription.");
            return;
        }
        byte[] body;
        try {
            body = exchange.body(MAX_BODY);
        } catch (BodyTooLargeException e) {
            apimError(exchange, 413, "Request entity too large");
            return;
        }
        GatewayRequest request = new GatewayRequest(exchange.method(), originalUrl(exchange),
                HeaderMap.of(exchange.requestHeaders()), body, "127.0.0.1", suffix,
                operation.group(2) == null ? Map.of() : Map.of("response_id", operation.group(2)));
        GatewayIdentity identity = new GatewayIdentity(spec.name(), spec.region(), spec.api().path(),
                spec.api().path(), operationId(exchange.method(), operation),
                subscription.map(Subscriptions.Issued::id).orElse(null),
                subscription.map(s -> s.spec().name()).orElse(null),
                subscription.map(s -> s.spec().product()).orElse(null));
        PolicyContext context = new PolicyContext(request, identity, UUID.randomUUID(), state.clock().instant())
                .defaultBackend(new BackendTarget.ById(spec.api().defaultBackend()));
        key.filter(k -> subscription.isPresent()).ifPresent(context::subscriptionKey);
        RequestServices services = new RequestServices(state);
        try {
            answer(exchange, policy.execute(context, services));
        } finally {
            services.closeBodies();
        }
    }

    private static boolean allowed(String method, Matcher operation) {
        if (operation.group(2) == null) {
            return method.equals("POST");
        }
        if (operation.group(3) != null) {
            return method.equals("GET");
        }
        return method.equals("GET") || method.equals("DELETE");
    }

    private static String operationId(String method, Matcher operation) {
        String base = operation.group(2) == null ? "createResponse"
                : operation.group(3) != null ? "listInputItems"
                : method.equals("GET") ? "getResponse" : "deleteResponse";
        return operation.group(1) == null ? base : "v1-" + base;
    }

    private static URI originalUrl(LabExchange exchange) {
        String host = exchange.header("Host").orElse("localhost");
        return URI.create("https://" + host + exchange.uri().getRawPath()
                + (exchange.uri().getRawQuery() == null ? "" : "?" + exchange.uri().getRawQuery()));
    }

    /**
     * The headers first, then the body: a body no policy read streams through from the backend as
     * {@code buffer-response} says (docs/apim-gateway.md §2.3), after outbound ran on the headers.
     */
    private static void answer(LabExchange exchange, GatewayResponse response) throws IOException {
        response.headers().asMap().forEach((name, values) -> {
            if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.responseHeaders().put(name, List.copyOf(values));
            }
        });
        Optional<StreamedBody> stream = response.stream();
        if (stream.isEmpty()) {
            exchange.respond(response.statusCode(), null, response.body());
            return;
        }
        try (OutputStream out = exchange.stream(response.statusCode())) {
            stream.get().transferTo(out);
        }
    }

    // APIM's own errors, as its gateway writes them: { "statusCode": N, "message": "..." } (docs/apim-gateway.md §4)
    private static void apimError(LabExchange exchange, int status, String message) throws IOException {
        answer(exchange, ErrorAnswers.message(status, message));
    }

    /**
     * The subscription check's 401, refused before any policy runs, with the challenge APIM sends: the key scheme, the
     * API's URL as realm and the header the key goes in (docs/apim-gateway.md §4).
     */
    private void accessDenied(LabExchange exchange, String message) throws IOException {
        GatewayResponse denied = ErrorAnswers.message(401, message);
        URI url = originalUrl(exchange);
        denied.headers().set("WWW-Authenticate", "AzureApiManagementKey realm=\"" + url.getScheme() + "://"
                + url.getRawAuthority() + "/" + spec.api().path() + "\",name=\"" + spec.api().keyHeader()
                + "\",type=\"header\"");
        answer(exchange, denied);
    }
}
