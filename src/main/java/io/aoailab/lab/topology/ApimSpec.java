package io.aoailab.lab.topology;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The API Management gateway of a topology: its managed identity, the OpenAI API (path, subscription key names,
 * the policy file it runs), backends with circuit breakers, backend pools, products and subscriptions. Shapes
 * follow the ARM resources (docs/apim-gateway.md §1.1, §1.3, §4).
 *
 * @param name the service name; its host is {@code <name>.azure-api.net}
 * @param region the gateway's region display name ({@code context.Deployment.Region})
 * @param identity the ManagedIdentity principal the gateway signs in as to the backends
 * @param api the OpenAI API
 * @param backends single backends, each an account of the topology
 * @param pools backend pools
 * @param products products that group subscriptions
 * @param subscriptions subscriptions; their keys are generated at start
 */
public record ApimSpec(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String region,
        @JsonProperty(required = true) String identity,
        @JsonProperty(required = true) Api api,
        @JsonProperty(required = true) List<Backend> backends,
        List<Pool> pools,
        List<Product> products,
        @JsonProperty(required = true) List<Subscription> subscriptions) {

    public ApimSpec {
        backends = List.copyOf(backends);
        pools = pools == null ? List.of() : List.copyOf(pools);
        products = products == null ? List.of() : List.copyOf(products);
        subscriptions = List.copyOf(subscriptions);
    }

    public String hostName() {
        return name + ".azure-api.net";
    }

    public Optional<Backend> backend(String id) {
        return backends.stream().filter(b -> b.name().equals(id)).findFirst();
    }

    public Optional<Pool> pool(String id) {
        return pools.stream().filter(p -> p.name().equals(id)).findFirst();
    }

    /**
     * @param path the API URL suffix, e.g. {@code openai}: the SDK's {@code /openai/...} paths land on it
     * @param subscriptionRequired whether calls need a subscription key
     * @param subscriptionKeyHeader the key's header name; {@code api-key} in the reference deployment, so SDKs work
     * @param subscriptionKeyQuery the key's query parameter name
     * @param policy the policy file: {@code classpath:<resource>}, or a path relative to the topology file
     * @param defaultBackend the API's service backend, used until a policy's {@code set-backend-service}
     * @param routes which Responses routes the API's operations cover: {@value #DATED} ({@code /responses…} with an
     *        api-version, as the dated OpenAPI definition imports them) and {@value #V1} ({@code /v1/responses…});
     *        both by default. A call to a route the API has no operation for gets APIM's own 404.
     */
    public record Api(
            @JsonProperty(required = true) String path,
            @JsonProperty(defaultValue = "true") Boolean subscriptionRequired,
            String subscriptionKeyHeader,
            String subscriptionKeyQuery,
            @JsonProperty(required = true) String policy,
            @JsonProperty(required = true) String defaultBackend,
            List<String> routes) {

        public static final String DATED = "dated";
        public static final String V1 = "v1";

        public Api {
            routes = routes == null ? List.of(DATED, V1) : List.copyOf(routes);
        }

        /** Whether the API has operations for the v1 routes ({@code /v1/responses…}) or the dated ones. */
        public boolean routes(boolean v1) {
            return routes.contains(v1 ? V1 : DATED);
        }

        public boolean requiresSubscription() {
            return subscriptionRequired == null || subscriptionRequired;
        }

        public String keyHeader() {
            return subscriptionKeyHeader == null ? "Ocp-Apim-Subscription-Key" : subscriptionKeyHeader;
        }

        public String keyQuery() {
            return subscriptionKeyQuery == null ? "subscription-key" : subscriptionKeyQuery;
        }
    }

    /**
     * @param name the backend id policies name in {@code set-backend-service backend-id}
     * @param account the Azure OpenAI account it forwards to (URL {@code https://<account host>/openai})
     * @param circuitBreaker its one circuit-breaker rule, if any
     */
    public record Backend(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String account,
            CircuitBreakerRule circuitBreaker) {

        public Optional<CircuitBreakerRule> breaker() {
            return Optional.ofNullable(circuitBreaker);
        }
    }

    /**
     * A circuit-breaker rule (docs/apim-gateway.md §1.3).
     *
     * @param failureCount how many failures within {@code interval} trip it ({@code failureCondition.count}; trips at ≥)
     * @param interval the window failures are counted in, ISO-8601 (e.g. {@code PT1M})
     * @param statusCodeRanges the answers that count as failures, e.g. {@code [[429, 429], [500, 599]]}
     * @param countConnectionFailures whether an answer that never came (connection failure, timeout) counts
     * @param tripDuration how long it stays open, ISO-8601
     * @param acceptRetryAfter whether the tripping answer's Retry-After (seconds) replaces {@code tripDuration}
     */
    public record CircuitBreakerRule(
            @JsonProperty(required = true) int failureCount,
            @JsonProperty(required = true) String interval,
            @JsonProperty(required = true) List<List<Integer>> statusCodeRanges,
            Boolean countConnectionFailures,
            @JsonProperty(required = true) String tripDuration,
            Boolean acceptRetryAfter) {

        public CircuitBreakerRule {
            countConnectionFailures = countConnectionFailures != null && countConnectionFailures;
            acceptRetryAfter = acceptRetryAfter != null && acceptRetryAfter;
        }

        /** {@code interval} as written: an ISO-8601 duration such as {@code PT1M}; checked when the topology loads. */
        public Duration intervalDuration() {
            return Duration.parse(interval);
        }

        public Duration tripDurationValue() {
            return Duration.parse(tripDuration);
        }

        public boolean countsAsFailure(int status) {
            return statusCodeRanges.stream().anyMatch(r -> status >= r.get(0) && status <= r.get(1));
        }
    }

    /**
     * @param name the pool id
     * @param selection how a member is picked within a priority group: {@code weighted-random} (default) or
     *                  {@code weighted-round-robin}
     * @param seed a seed for {@code weighted-random}, to make a run repeatable; random if absent
     * @param members the pool's members
     */
    public record Pool(
            @JsonProperty(required = true) String name,
            String selection,
            Long seed,
            @JsonProperty(required = true) List<PoolMember> members) {

        public Pool {
            members = List.copyOf(members);
        }

        public String selectionOrDefault() {
            return selection == null ? "weighted-random" : selection;
        }
    }

    /**
     * @param backend a single backend's name
     * @param weight relative weight within its priority group, 0-100 as in ARM (default 1); a member of weight 0 is
     *               chosen only when no member of its group with a positive weight can take the request
     * @param priority the priority group, 0-100 as in ARM, lower first (default 1)
     */
    public record PoolMember(@JsonProperty(required = true) String backend, Integer weight, Integer priority) {

        public int weightOrDefault() {
            return weight == null ? 1 : weight;
        }

        public int priorityOrDefault() {
            return priority == null ? 1 : priority;
        }
    }

    /** @param name the product id; @param subscriptionRequired whether it needs a key */
    public record Product(@JsonProperty(required = true) String name, Boolean subscriptionRequired) {
    }

    /**
     * @param name the subscription's name ({@code context.Subscription.Name})
     * @param product the product it belongs to, or null for an API-scoped subscription
     * @param state {@code active} (default) or {@code suspended}: a suspended key is refused like an invalid one
     */
    public record Subscription(@JsonProperty(required = true) String name, String product, String state) {

        public boolean active() {
            return state == null || state.equals("active");
        }
    }
}
