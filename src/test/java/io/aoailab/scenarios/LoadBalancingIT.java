package io.aoailab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.access.Call;
import io.aoailab.access.CallRecord;
import io.aoailab.access.Failure;
import io.aoailab.access.Reply;
import io.aoailab.access.Way;
import io.aoailab.assertions.DistributionAssert;
import io.aoailab.assertions.FailoverAssert;
import io.aoailab.assertions.PoolDistribution;
import io.aoailab.assertions.PoolRequests;
import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.config.IntendedDeployment;
import io.aoailab.config.Secret;
import io.aoailab.config.SuiteConfig;
import io.aoailab.junit.DeploymentUnderTest;
import io.aoailab.junit.EveryAccessPath;
import io.aoailab.junit.LoadBalancingScenario;
import io.aoailab.target.Operator;
import io.qameta.allure.Description;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * Does the APIM pool spread traffic as the intended weights say, and fail over? Every case goes through the gateway
 * with each configured client, small stateless requests; the faults are an operator's (lab only, skipped on live with
 * the reason), and after each the suite waits for every intended region to answer through the pool again.
 */
@LoadBalancingScenario
class LoadBalancingIT {
    /** How long an operator throttles a region, and the Retry-After it answers with. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(4);
    /** How long an operator fails a region or drops its connections. */
    private static final Duration FAULT = Duration.ofSeconds(2);
    /** Between two requests of a failover run: enough of them to judge, without flooding the gateway. */
    private static final Duration PACE = Duration.ofMillis(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Ask small(SuiteConfig config, String input) {
        return Ask.of(config.modelDeployment(), input).maxOutputTokens(16);
    }

    @EveryAccessPath(ways = Way.APIM)
    @Description("APIM's pool spreads answers across the regions as EXPECTED_POOL_WEIGHTS intends, judged by a sequential test at the stated error rates.")
    void the_pool_spreads_its_answers_as_the_intended_weights_say(AccessPath pool, SuiteConfig config,
            DeploymentUnderTest deployment) {
        // WHEN requests go through the pool until the sequential test decides (every answer is also held to an
        // intended region named in EXPECTED_REGION_HEADER, and to the intended model)
        PoolDistribution distribution = PoolDistribution.measure(pool, api -> api.create(small(config,
                "Which region answers?")), config.intended(), config.distribution(), config.httpTimeout());

        // THEN the shares match the intended weights; a region far below its share is asked directly what it says
        DistributionAssert.assertThat(distribution).matchesTheIntendedWeights(region -> ownEndpoint(deployment,
                pool, config, region));
    }

    @EveryAccessPath(ways = Way.APIM)
    @Description("Every region behind the pool answers with the same model and version, so a caller cannot tell which one served it.")
    void every_member_of_the_pool_serves_the_same_model_and_version(AccessPath pool, SuiteConfig config) {
        // GIVEN enough requests that each member with its intended share is met with probability ≥ 1 - 0.001
        List<IntendedRegion> members = config.intended().regions().stream().filter(r -> r.poolWeight() > 0).toList();
        double smallest = members.stream().mapToDouble(r -> r.expectedShare(config.intended())).min().orElse(1);
        int requests = FailoverAssert.picksToMeet(smallest) * members.size();

        // WHEN
        Map<String, TreeSet<String>> models = new LinkedHashMap<>();
        members.forEach(m -> models.put(m.displayName(), new TreeSet<>()));
        for (int i = 0; i < requests; i++) {
            CallRecord answer = answered(pool.call(api -> api.create(small(config, "Which model are you?"))));
            models.computeIfAbsent(answer.region().orElseThrow(), r -> new TreeSet<>())
                    .add(answer.model().orElse("(none named)"));
        }

        // THEN every member answered, and all with one model and version
        assertThat(models).as("the models each member of the pool %s answered with, over %d requests (a member"
                + " with its intended share is passed over by that many with probability at most %s)",
                pool.description(), requests, FailoverAssert.MISS_RATE).allSatisfy((region, named) -> assertThat(named)
                        .as("models %s answered with through %s", region, pool.description()).isNotEmpty());
        assertThat(models.values().stream().flatMap(TreeSet::stream).distinct().toList())
                .as("the models and versions the members of the pool %s serve (a pool mixing them gives users"
                        + " different answers to the same question): %s", pool.description(), models)
                .hasSize(1);
    }

    @EveryAccessPath(ways = Way.APIM)
    @Description("While a region answers 429, the gateway retries elsewhere within EXPECTED_FAILOVER_SECONDS, leaves the region alone until its Retry-After, then takes it back.")
    void a_throttled_region_is_served_around_left_alone_until_its_retry_after_and_taken_back(AccessPath pool,
            SuiteConfig config, Operator operator) {
        IntendedRegion throttled = twoMembers(config.intended());
        double share = throttled.expectedShare(config.intended());
        Duration within = config.intended().pool().failoverWithin();
        Duration tolerance = config.intended().pool().rejoinWithin();

        // GIVEN the pool answers, then the operator throttles one region: 429 with Retry-After for as long as it says
        ready(pool, config);
        Instant start = Instant.now();
        operator.throttle(throttled.displayName(), RETRY_AFTER, Operator.Budget.lasting(RETRY_AFTER));
        Instant passed = start.plus(RETRY_AFTER);

        // WHEN requests go through the pool during the Retry-After, then until the region answers again
        PoolRequests during = PoolRequests.send(pool, api -> api.create(small(config, "Anyone?")), passed, 1, PACE);
        PoolRequests after = PoolRequests.sendUntilAnsweredBy(throttled.displayName(), pool,
                api -> api.create(small(config, "Back?")), passed.plus(tolerance), FailoverAssert.picksToMeet(share),
                PACE);
        during.then(after).timeline(throttled.displayName() + " throttled (Retry-After " + RETRY_AFTER.toSeconds()
                + " s) " + pool.description(), start, RETRY_AFTER).attach();

        // THEN every request was served around it promptly, the pool left it alone from a quarter into its
        // Retry-After (by then a breaker that trips on a few failures has: they are the first requests it gets), long
        // enough to judge even on a slow machine, and took it back once that had passed
        List<Instant> arrivals = operator.arrivals(throttled.displayName());
        FailoverAssert.assertThat(during).wasServedAround(throttled.displayName(), "429", within, arrivals)
                .leftAloneBetween(throttled.displayName(), share, arrivals,
                        start.plus(RETRY_AFTER.dividedBy(4)), passed, RETRY_AFTER);
        FailoverAssert.assertThat(after).rejoinedBy(throttled.displayName(), share, passed, passed.plus(tolerance),
                RETRY_AFTER, tolerance);
    }

    @EveryAccessPath(ways = Way.APIM)
    @Description("While a region answers 5xx, every request through the gateway is served by another region.")
    void a_region_answering_server_errors_is_served_around(AccessPath pool, SuiteConfig config, Operator operator) {
        IntendedRegion failing = twoMembers(config.intended());
        // GIVEN the pool answers, then the operator makes one region answer 500 for a while
        ready(pool, config);
        Instant start = Instant.now();
        operator.fail(failing.displayName(), 500, Operator.Budget.lasting(FAULT));
        // WHEN requests go through the pool meanwhile THEN every one is served around it, promptly
        servedAround(pool, config, operator, failing, "5xx", start);
    }

    @EveryAccessPath(ways = Way.APIM)
    @Description("While a region drops connections, every request through the gateway is served by another region.")
    void a_region_dropping_connections_is_served_around(AccessPath pool, SuiteConfig config, Operator operator) {
        IntendedRegion failing = twoMembers(config.intended());
        // GIVEN the pool answers, then the operator makes one region close connections without an answer for a while
        ready(pool, config);
        Instant start = Instant.now();
        operator.drop(failing.displayName(), Operator.Budget.lasting(FAULT));
        // WHEN requests go through the pool meanwhile THEN every one is served around it, promptly
        servedAround(pool, config, operator, failing, "a dropped connection", start);
    }

    private static void servedAround(AccessPath pool, SuiteConfig config, Operator operator, IntendedRegion failing,
            String fault, Instant start) {
        PoolRequests during = PoolRequests.send(pool, api -> api.create(small(config, "Anyone?")), start.plus(FAULT),
                FailoverAssert.picksToMeet(failing.expectedShare(config.intended())), PACE);
        during.timeline(failing.displayName() + " answering " + fault + " " + pool.description(), start, FAULT)
                .attach();

        List<Instant> arrivals = operator.arrivals(failing.displayName());
        FailoverAssert.assertThat(during).wasServedAround(failing.displayName(), fault,
                config.intended().pool().failoverWithin(), arrivals);
        // and the fault was met: the pool did send the region requests meanwhile (else nothing was tested)
        assertThat(arrivals.stream().filter(at -> !at.isBefore(start)).count())
                .as("requests that reached %s while it answered %s, of the %d sent %s (a member with its intended"
                        + " share is passed over by that many with probability at most %s)", failing.displayName(),
                        fault, during.requests().size(), pool.description(), FailoverAssert.MISS_RATE)
                .isPositive();
    }

    @EveryAccessPath(ways = Way.APIM)
    @Description("With every region throttled, the gateway answers 429 or 503 within the bound, with Retry-After on a 429, instead of hanging.")
    void with_every_region_throttled_the_gateway_answers_promptly_without_hanging(AccessPath pool,
            SuiteConfig config, Operator operator) {
        // GIVEN the pool answers, then every region of the pool is throttled
        ready(pool, config);
        config.intended().regionNames().forEach(region -> operator.throttle(region, RETRY_AFTER,
                Operator.Budget.lasting(RETRY_AFTER)));

        // WHEN
        Instant sent = Instant.now();
        Call<Reply> call = pool.call(api -> api.create(small(config, "Anyone at all?")));
        Duration took = Duration.between(sent, Instant.now());

        // THEN APIM's own answer, promptly: 429 with the time to wait, or 503 when every member is out of the pool
        // (its status and timing only: Microsoft has changed APIM's body text before)
        Failure refused = call.failure();
        assertThat(refused.status()).as("status %s with every region throttled", pool.description()).isIn(429, 503);
        assertThat(took).as("time to answer %s with every region throttled (EXPECTED_FAILOVER_SECONDS)",
                pool.description()).isLessThanOrEqualTo(config.intended().pool().failoverWithin());
        if (refused.status() == 429) {
            assertThat(call.record().retryAfter()).as("Retry-After of a 429 %s: without it clients can only guess"
                    + " when to come back", pool.description()).isPresent();
        }
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("no subscription key", (KeyChoice) d -> Optional.empty(), "Access denied due to missing"
                        + " subscription key. Make sure to include subscription key when making requests to an API."),
                Arguments.of("a wrong subscription key", (KeyChoice) d -> Optional.of(
                        "0000000000000000000000000000000f"), "Access denied due to invalid subscription key. Make sure"
                        + " to provide a valid key for an active subscription."),
                Arguments.of("a suspended subscription's key", (KeyChoice) d -> Optional.of(DeploymentUnderTest
                        .require(d.endpoints().apimSuspendedSubscriptionKey(), "APIM_SUSPENDED_SUBSCRIPTION_KEY")
                        .reveal()), "Access denied due to invalid subscription key. Make sure to provide a valid key"
                        + " for an active subscription."));
    }

    /** The subscription key a request carries, if any. */
    interface KeyChoice {
        Optional<String> of(DeploymentUnderTest deployment);
    }

    // the bodies are APIM's own, before any policy runs (docs/apim-gateway.md §4)
    @ParameterizedTest(name = "a request with {0} is refused by the gateway before any backend")
    @MethodSource("keys")
    @Description("A missing, wrong or suspended subscription key is refused by APIM with 401 before any region is called.")
    void a_request_without_a_valid_subscription_key_is_refused_by_the_gateway(String what, KeyChoice key,
            String message, DeploymentUnderTest deployment) throws IOException {
        URI gateway = DeploymentUnderTest.require(deployment.endpoints().apimGateway(), "APIM_GATEWAY_URL");
        Optional<String> sent = key.of(deployment);
        Request.Builder request = new Request.Builder()
                .url(gateway.toString().replaceAll("/+$", "") + "/openai/v1/responses")
                .post(RequestBody.create("{\"model\":\"" + deployment.config().modelDeployment()
                        + "\",\"input\":\"Hi\",\"max_output_tokens\":16}", MediaType.get("application/json")));
        sent.ifPresent(k -> request.header("api-key", k));

        try (Response response = deployment.http().okHttp().newCall(request.build()).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            assertThat(response.code()).as("status of a request with %s through APIM", what).isEqualTo(401);
            JsonNode json = JSON.readTree(body.isEmpty() ? "{}" : body);
            assertThat(json.path("message").asText()).as("APIM's message for a request with %s (body: %s)", what,
                    body).isEqualTo(message);
            assertThat(response.header("x-ms-region")).as("x-ms-region of the refusal: none, as no backend may"
                    + " have been called").isNull();
        }
    }

    // APIM passes the subscription key on to the backend unless a policy removes it (docs/apim-gateway.md §4); a
    // forwarded key lets whoever reads the backend's logs call the gateway as the caller
    @EveryAccessPath(ways = Way.APIM)
    @Description("The caller's APIM subscription key never reaches the regional accounts: the gateway authenticates to them with its managed identity.")
    void the_callers_subscription_key_is_not_passed_on_to_the_region(AccessPath pool, SuiteConfig config,
            Operator operator) {
        // WHEN a request with the caller's subscription key goes through the pool
        String region = answered(pool.call(api -> api.create(small(config, "Who sent this?")))).region()
                .orElseThrow();

        // THEN what reached the region carried the gateway's own token, and no subscription key
        assertThat(operator.headerNamesOfLatest(region)).as("header names of the request %s passed on to %s (a"
                + " policy removes the key with set-header exists-action=\"delete\")", pool.description(), region)
                .contains("authorization").doesNotContain("api-key", "ocp-apim-subscription-key");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static IntendedRegion twoMembers(IntendedDeployment intended) {
        List<IntendedRegion> members = intended.regions().stream().filter(r -> r.poolWeight() > 0).toList();
        if (members.size() < 2) {
            throw new TestAbortedException("EXPECTED_POOL_WEIGHTS gives fewer than two regions a weight, so the pool"
                    + " has nothing to fail over to and this case does not apply");
        }
        return members.get(0);
    }

    // what a path checks on first use (its api-version, against a region's own endpoint) is done before a fault, so
    // every request the operator sees reach a region during it came through the pool
    private static void ready(AccessPath pool, SuiteConfig config) {
        answered(pool.call(api -> api.create(small(config, "Ready?"))));
    }

    private static CallRecord answered(Call<Reply> call) {
        call.value();
        return call.record();
    }

    private static String ownEndpoint(DeploymentUnderTest deployment, AccessPath pool, SuiteConfig config,
            String region) {
        return deployment.direct(region, pool.client()).map(direct -> {
            Call<Reply> call = direct.call(api -> api.create(small(config, "Are you there?")));
            return call.succeeded() ? "answers " + call.record().status() + ", so it is up: the pool does not send"
                    + " it its share (its weight, or a member missing from the pool)"
                    : "refuses a request: " + call.failure() + ", so it is down and the pool's failover hides it";
        }).orElse("is not configured (OPENAI_ENDPOINT_n)");
    }
}
