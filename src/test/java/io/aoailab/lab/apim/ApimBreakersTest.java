package io.aoailab.lab.apim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.azure.ai.openai.responses.ResponsesClient;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.lab.http.RecordedRequest;
import io.aoailab.testing.Answer;
import io.aoailab.testing.LabVariant;
import io.aoailab.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped gateway's circuit breakers as a client meets them (docs/apim-gateway.md §1.3, §1.4): a fault trips a
 * pool member for as long as APIM would keep it out, nothing but that time brings it back (removing the fault does
 * not), and a pool with no member left answers at once. The lab's clock is moved by hand, so a trip passes without
 * waiting. The shipped rules: one failure (429, 5xx or no answer) within PT1M trips, for PT5S, or for the Retry-After
 * the tripping answer carried (acceptRetryAfter).
 */
class ApimBreakersTest {
    private static final String EAST_US = "aoai-eus.openai.azure.com";
    private static final String EAST_US_2 = "aoai-eus2.openai.azure.com";
    // the longest trip a test here causes: both members throttled with a ten-minute Retry-After
    private static final Duration LONGEST_TRIP = Duration.ofMinutes(10);
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static Lab lab;
    private static HttpClientFactory http;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabOptions.defaults().withClock(CLOCK));
        http = GatewayClients.trusting(lab);
    }

    @AfterAll
    static void stop() {
        http.close();
        lab.close();
    }

    // removing the faults heals the accounts, not the breakers: each test leaves once every trip has passed
    @AfterEach
    void waitForEveryTripToPass() {
        lab.faults().reset();
        CLOCK.advance(LONGEST_TRIP.plusSeconds(1));
    }

    static Stream<Arguments> faultsThatTrip() {
        return Stream.of(
                arguments("a 429 with Retry-After 30 s trips for exactly that, longer than tripDuration (acceptRetryAfter)",
                        new Fault.Throttle(Duration.ofSeconds(30)), 429, 200, Duration.ofSeconds(30)),
                arguments("a 429 with Retry-After 3 s trips for exactly that, shorter than tripDuration (acceptRetryAfter)",
                        new Fault.Throttle(Duration.ofSeconds(3)), 429, 200, Duration.ofSeconds(3)),
                arguments("a 503 without Retry-After trips for the rule's tripDuration",
                        new Fault.ServerError(503), 503, 200, Duration.ofSeconds(5)),
                // the shipped retry condition guards a missing response, so the caller is served by the other member
                // (docs/apim-gateway.md §2.2)
                arguments("a dropped connection counts (countConnectionFailures) and trips for tripDuration",
                        new Fault.DropConnection(), RecordedRequest.DROPPED, 200, Duration.ofSeconds(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsThatTrip")
    void should_keep_a_tripped_member_out_of_the_pool_for_its_trip_and_take_it_back_after(String what, Fault fault,
            int accountAnswered, int callerGot, Duration trip) {
        // GIVEN East US meets the fault on its next request, and the breaker trips on it
        List<Integer> callerStatuses = tripEastUs(fault, FaultBudget.times(1));
        assertThat(lab.requestsTo(EAST_US)).last().extracting(RecordedRequest::status).isEqualTo(accountAnswered);
        assertThat(callerStatuses).last().isEqualTo(callerGot);
        int reachedEastUs = lab.requestsTo(EAST_US).size();

        // WHEN the trip has not quite passed, THEN East US 2 serves everything and East US sees nothing, though its
        // fault is spent and it would answer 200 again
        CLOCK.advance(trip.minusMillis(1));
        assertThat(regions(lab, http, 20)).containsOnly("East US 2");
        assertThat(lab.requestsTo(EAST_US)).hasSize(reachedEastUs);

        // WHEN it has, THEN East US is back in the 50/50 pool (all 40 to East US 2 would happen once in 10^12)
        CLOCK.advance(Duration.ofMillis(1));
        assertThat(regions(lab, http, 40)).contains("East US", "East US 2");
    }

    @Test
    void should_keep_a_tripped_member_out_for_its_whole_trip_when_its_faults_are_removed() {
        // GIVEN East US throttles for an hour with Retry-After 30 s, and its breaker has tripped on the first 429
        tripEastUs(new Fault.Throttle(Duration.ofSeconds(30)), FaultBudget.forDuration(Duration.ofHours(1)));
        int reachedEastUs = lab.requestsTo(EAST_US).size();

        // WHEN the operator removes every fault 20 s into the trip: the account is healthy again
        CLOCK.advance(Duration.ofSeconds(20));
        lab.faults().reset();

        // THEN the gateway does not know: the breaker stays open until the 30 s have passed, as APIM's would
        CLOCK.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(regions(lab, http, 20)).containsOnly("East US 2");
        assertThat(lab.requestsTo(EAST_US)).hasSize(reachedEastUs);
        CLOCK.advance(Duration.ofMillis(1));
        assertThat(regions(lab, http, 40)).contains("East US", "East US 2");
        assertThat(lab.requestsTo(EAST_US).subList(reachedEastUs, lab.requestsTo(EAST_US).size()))
                .isNotEmpty().extracting(RecordedRequest::status).containsOnly(200);
    }

    @Test
    void should_trip_for_the_rules_duration_and_ignore_the_retry_after_when_the_rule_does_not_accept_it()
            throws IOException {
        // GIVEN a gateway whose rules leave acceptRetryAfter off (tripDuration PT5S)
        MutableClock clock = new MutableClock(Instant.now());
        try (Lab variant = variant(clock, yaml -> yaml.replace("acceptRetryAfter: true", "acceptRetryAfter: false"),
                "ignore-retry-after.yaml");
                HttpClientFactory client = GatewayClients.trusting(variant)) {
            // WHEN East US answers one 429 asking for 30 s
            variant.faults().inject("aoai-eus", new Fault.Throttle(Duration.ofSeconds(30)), FaultBudget.times(1));
            for (int i = 0; i < 50 && eastUsTrips(variant) == 0; i++) {
                GatewayClients.create(variant, client, GatewayClients.subscriptionKey(variant));
            }
            assertThat(eastUsTrips(variant)).isEqualTo(1);

            // THEN it is out for the 5 s of tripDuration, not the 30 s it asked for
            clock.advance(Duration.ofSeconds(5).minusMillis(1));
            assertThat(regions(variant, client, 20)).containsOnly("East US 2");
            clock.advance(Duration.ofMillis(1));
            assertThat(regions(variant, client, 40)).contains("East US", "East US 2");
        }
    }

    @ParameterizedTest(name = "Retry-After {0} s")
    @ValueSource(longs = {10, 600})
    void should_answer_503_at_once_when_every_member_is_throttled_however_long_the_retry_after(long retryAfter) {
        // GIVEN both regions throttle every request
        throttleBothRegions(lab, retryAfter);
        int eastUs = lab.requestsTo(EAST_US).size();
        int eastUs2 = lab.requestsTo(EAST_US_2).size();

        // WHEN
        long begin = System.nanoTime();
        Answer answer = GatewayClients.create(lab, http, GatewayClients.subscriptionKey(lab));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        // THEN the shipped policy tries one member (429, it trips), the other (429, it trips), and its third attempt
        // finds no member left: APIM's own 503, without a Retry-After, at once (docs/apim-gateway.md §1.4): nothing
        // waits for the Retry-After the regions asked for
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("{ \"statusCode\": 503, \"message\": \"Service Unavailable\" }");
        assertThat(answer.header("Retry-After")).isNull();
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(lab.requestsTo(EAST_US).subList(eastUs, lab.requestsTo(EAST_US).size()))
                .extracting(RecordedRequest::status).containsExactly(429);
        assertThat(lab.requestsTo(EAST_US_2).subList(eastUs2, lab.requestsTo(EAST_US_2).size()))
                .extracting(RecordedRequest::status).containsExactly(429);

        // AND while both trips last, a request reaches no region at all
        assertThat(GatewayClients.create(lab, http, GatewayClients.subscriptionKey(lab)).status()).isEqualTo(503);
        assertThat(lab.requestsTo(EAST_US)).hasSize(eastUs + 1);
        assertThat(lab.requestsTo(EAST_US_2)).hasSize(eastUs2 + 1);
    }

    @Test
    void should_answer_the_policys_429_at_once_when_its_on_error_converts_the_exhausted_pools_503() throws IOException {
        // GIVEN the simple policy with an on-error that turns the gateway's 503 into a 429, as Apim-Samples' 429 variant
        // of its load-balancing policy does (docs/apim-gateway.md §7)
        String policy;
        try (InputStream in = Lab.class.getResourceAsStream("/apim-policies/openai-load-balancer-simple.xml")) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String onError = "    <on-error>\n        <base />\n";
        Files.writeString(dir.resolve("converts-503.xml"), LabVariant.edited(policy, text -> text.replace(onError,
                onError + "        <choose>\n            <when condition=\"@(context.Response.StatusCode == 503)\">\n"
                        + "                <return-response>\n"
                        + "                    <set-status code=\"429\" reason=\"Too Many Requests\" />\n"
                        + "                    <set-header name=\"Retry-After\" exists-action=\"override\">"
                        + "<value>10</value></set-header>\n"
                        + "                </return-response>\n            </when>\n        </choose>\n"),
                "policy"));
        MutableClock clock = new MutableClock(Instant.now());
        try (Lab variant = variant(clock, yaml -> yaml.replace("classpath:apim-policies/openai-load-balancer.xml",
                "converts-503.xml"), "converts-503.yaml");
                HttpClientFactory client = GatewayClients.trusting(variant)) {
            throttleBothRegions(variant, 600);

            // WHEN
            long begin = System.nanoTime();
            Answer answer = GatewayClients.create(variant, client, GatewayClients.subscriptionKey(variant));
            Duration took = Duration.ofNanos(System.nanoTime() - begin);

            // THEN the policy's own 429, with its own Retry-After, and still at once
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.header("Retry-After")).isEqualTo("10");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(variant.requestsTo(EAST_US)).extracting(RecordedRequest::status).containsExactly(429);
            assertThat(variant.requestsTo(EAST_US_2)).extracting(RecordedRequest::status).containsExactly(429);
        }
    }

    // sends creates until East US's breaker trips on the fault, and returns what the caller got for each
    private static List<Integer> tripEastUs(Fault fault, FaultBudget budget) {
        int tripsBefore = eastUsTrips(lab);
        lab.faults().inject("aoai-eus", fault, budget);
        List<Integer> callerStatuses = new ArrayList<>();
        while (eastUsTrips(lab) == tripsBefore && callerStatuses.size() < 50) {
            callerStatuses.add(GatewayClients.create(lab, http, GatewayClients.subscriptionKey(lab)).status());
        }
        assertThat(eastUsTrips(lab)).isEqualTo(tripsBefore + 1);
        return callerStatuses;
    }

    private static void throttleBothRegions(Lab target, long retryAfterSeconds) {
        for (String account : List.of("aoai-eus", "aoai-eus2")) {
            target.faults().inject(account, new Fault.Throttle(Duration.ofSeconds(retryAfterSeconds)),
                    FaultBudget.forDuration(Duration.ofHours(1)));
        }
    }

    // a lab of the variant topology, in the test's directory so a policy file it names is found next to it
    private Lab variant(MutableClock clock, UnaryOperator<String> edit, String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, LabVariant.edited(edit));
        return Lab.start(LabOptions.defaults().withTopology(Optional.of(file)).withClock(clock));
    }

    private static int eastUsTrips(Lab target) {
        return target.apim().orElseThrow().gateway().breakerTrips().get("aoai-eus");
    }

    // the regions that answered that many creates, as x-backend-region named them
    private static List<String> regions(Lab target, HttpClientFactory client, int requests) {
        AtomicReference<String> region = new AtomicReference<>();
        ResponsesClient responses = GatewayClients.responses(target, client, region);
        List<String> regions = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            responses.createResponse(GatewayClients.hello());
            regions.add(region.get());
        }
        return regions;
    }
}
