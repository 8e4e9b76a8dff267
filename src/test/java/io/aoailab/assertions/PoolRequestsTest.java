package io.aoailab.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.access.CallRecord;
import io.aoailab.assertions.PoolRequests.Sent;
import io.aoailab.config.Client;
import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.config.IntendedDeployment;
import io.aoailab.config.PoolIntent;
import io.aoailab.config.Secret;
import io.aoailab.report.FailoverTimeline;
import io.aoailab.report.Redactor;
import io.aoailab.testing.CannedResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class PoolRequestsTest {
    private static final Instant START = Instant.parse("2025-06-02T09:00:00Z");
    private static final String POOL = "through APIM with azure-ai-openai";
    private static final String REPLY = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1741369938,"
            + "\"status\":\"completed\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,"
            + "\"max_output_tokens\":null,\"model\":\"gpt-4o-2024-08-06\",\"output\":[],\"parallel_tool_calls\":true,"
            + "\"previous_response_id\":null,\"reasoning\":null,\"temperature\":1.0,\"text\":null,"
            + "\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":"
            + "{\"input_tokens\":1,\"output_tokens\":1,\"output_tokens_details\":{\"reasoning_tokens\":0},"
            + "\"total_tokens\":2},\"user\":null,\"metadata\":{}}";
    private static final String THROTTLED = "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit is exceeded.\"}}";

    private static CallRecord answer(int status, Optional<String> region) {
        return new CallRecord("apim[openai-java]", START, "POST", "https://apim.example/openai/v1/responses", status,
                region, Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(),
                CallRecord.BodySummary.NONE, Optional.empty(), Optional.empty());
    }

    private static Sent served(long atMillis, String region) {
        return new Sent(START.plusMillis(atMillis), Duration.ofMillis(80), Optional.of(answer(200,
                Optional.of(region))), Optional.empty());
    }

    /** What answers through the gateway, one request after another: (status, region), round and round. */
    private record Answer(int status, String region) {
    }

    private static HttpClient answering(List<Answer> answers, AtomicInteger sent) {
        return request -> {
            Answer next = answers.get(sent.getAndIncrement() % answers.size());
            HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderName.fromString("x-backend-region"), next.region());
            if (next.status() == 429) {
                headers.set(HttpHeaderName.fromString("retry-after-ms"), "3000");
            }
            return Mono.just(CannedResponse.of(request, next.status(), headers, (next.status() == 200 ? REPLY
                    : THROTTLED).getBytes(StandardCharsets.UTF_8)));
        };
    }

    private static AccessPath pool(HttpClient http) {
        IntendedDeployment intended = new IntendedDeployment("gpt-4o", List.of(new IntendedRegion("East US", 50),
                new IntendedRegion("East US 2", 50)), Map.of(), Optional.empty(), new PoolIntent("x-backend-region",
                        Duration.ofSeconds(10), Duration.ofSeconds(10)));
        return AccessPath.apim(URI.create("https://apim.example/"), Secret.of("0123456789abcdef0123456789abcdef"),
                Client.AZURE_AI_OPENAI, new AccessPath.Settings(http, "2025-03-01-preview", Clock.systemUTC(),
                        new Redactor(), intended));
    }

    @Test
    void should_name_the_region_that_served_a_request() {
        assertThat(served(0, "East US 2").answeredBy()).isEqualTo("East US 2");
        assertThat(served(0, "East US 2").succeeded()).isTrue();
    }

    @Test
    void should_mark_a_served_request_without_a_region_as_unknown() {
        Sent sent = new Sent(START, Duration.ZERO, Optional.of(answer(200, Optional.empty())), Optional.empty());

        assertThat(sent.answeredBy()).isEqualTo("?");
    }

    @Test
    void should_name_a_refusal_by_its_status_and_the_region_that_gave_it() {
        // GIVEN
        Sent throttled = new Sent(START, Duration.ZERO, Optional.of(answer(429, Optional.of("East US"))),
                Optional.of("429 429 from East US: Rate limit is exceeded."));
        Sent gateway = new Sent(START, Duration.ZERO, Optional.of(answer(503, Optional.empty())),
                Optional.of("503: Service Unavailable"));
        Sent dropped = new Sent(START, Duration.ZERO, Optional.empty(), Optional.of("no answer: connection reset"));

        // WHEN / THEN
        assertThat(throttled.answeredBy()).isEqualTo("429 from East US");
        assertThat(gateway.answeredBy()).isEqualTo("503");
        assertThat(dropped.answeredBy()).isEqualTo("no answer");
        assertThat(List.of(throttled, gateway, dropped)).noneMatch(Sent::succeeded);
    }

    @Test
    void should_select_the_requests_sent_from_the_start_up_to_but_not_including_the_end() {
        // GIVEN
        PoolRequests requests = new PoolRequests(POOL, List.of(served(999, "East US"), served(1_000, "East US 2"),
                served(1_500, "East US"), served(1_999, "East US 2"), served(2_000, "East US")));

        // WHEN
        List<Sent> between = requests.sentBetween(START.plusMillis(1_000), START.plusMillis(2_000));

        // THEN
        assertThat(between).extracting(s -> s.at().toEpochMilli() - START.toEpochMilli()).containsExactly(1_000L,
                1_500L, 1_999L);
    }

    @Test
    void should_follow_these_requests_with_later_ones_under_the_pools_name() {
        // GIVEN
        PoolRequests during = new PoolRequests(POOL, List.of(served(0, "East US 2"), served(100, "East US 2")));
        PoolRequests after = new PoolRequests("another name", List.of(served(3_000, "East US")));

        // WHEN
        PoolRequests all = during.then(after);

        // THEN
        assertThat(all.path()).isEqualTo(POOL);
        assertThat(all.requests()).extracting(Sent::answeredBy).containsExactly("East US 2", "East US 2", "East US");
        assertThat(during.requests()).hasSize(2);
    }

    @Test
    void should_keep_the_requests_it_was_given_whatever_happens_to_the_list_later() {
        // GIVEN
        List<Sent> sent = new ArrayList<>(List.of(served(0, "East US 2")));
        PoolRequests requests = new PoolRequests(POOL, sent);

        // WHEN
        sent.add(served(100, "East US"));

        // THEN
        assertThat(requests.requests()).hasSize(1);
    }

    @Test
    void should_draw_each_request_on_the_timeline_from_the_start_of_the_fault() {
        // GIVEN requests sent 200 ms and 1.2 s after the fault began, the second refused
        PoolRequests requests = new PoolRequests(POOL, List.of(
                new Sent(START.plusMillis(200), Duration.ofMillis(150), Optional.of(answer(200,
                        Optional.of("East US 2"))), Optional.empty()),
                new Sent(START.plusMillis(1_200), Duration.ofMillis(1_750), Optional.of(answer(429,
                        Optional.of("East US"))), Optional.of("429 429 from East US: Rate limit is exceeded."))));

        // WHEN
        FailoverTimeline timeline = requests.timeline("East US throttled", START, Duration.ofSeconds(3));

        // THEN
        assertThat(timeline.title()).isEqualTo("East US throttled");
        assertThat(timeline.faultMillis()).isEqualTo(3_000);
        assertThat(timeline.requests()).containsExactly(new FailoverTimeline.Request(200, "East US 2", 150),
                new FailoverTimeline.Request(1_200, "429 from East US", 1_750));
    }

    @Test
    void should_send_at_least_as_many_requests_as_asked_once_the_time_has_passed() {
        // GIVEN a pool that alternates its regions, and a time already past
        AtomicInteger calls = new AtomicInteger();
        AccessPath pool = pool(answering(List.of(new Answer(200, "East US"), new Answer(200, "East US 2")), calls));

        // WHEN
        PoolRequests requests = PoolRequests.send(pool, api -> api.create(Ask.of("gpt-4o", "Anyone?")),
                Instant.EPOCH, 5, Duration.ZERO);

        // THEN one after another, each with the region that answered it as the pool's header names it
        assertThat(calls).hasValue(5);
        assertThat(requests.path()).isEqualTo(POOL);
        assertThat(requests.requests()).extracting(Sent::answeredBy).containsExactly("East US", "East US 2",
                "East US", "East US 2", "East US");
        assertThat(requests.requests()).allSatisfy(sent -> {
            assertThat(sent.succeeded()).isTrue();
            assertThat(sent.latency().isNegative()).isFalse();
            assertThat(sent.answer()).isPresent();
        });
    }

    @Test
    void should_record_how_a_request_was_refused_and_what_refused_it() {
        // GIVEN a pool whose gateway passes East US's 429 on
        AccessPath pool = pool(answering(List.of(new Answer(429, "East US")), new AtomicInteger()));

        // WHEN
        PoolRequests requests = PoolRequests.send(pool, api -> api.create(Ask.of("gpt-4o", "Anyone?")),
                Instant.EPOCH, 1, Duration.ZERO);

        // THEN
        Sent refused = requests.requests().get(0);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.answeredBy()).isEqualTo("429 from East US");
        assertThat(refused.refusal()).hasValueSatisfying(r -> assertThat(r).startsWith("429 429 from East US: ")
                .contains("Rate limit is exceeded."));
        assertThat(refused.answer().orElseThrow().retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void should_stop_sending_once_the_region_answered() {
        // GIVEN a pool in which East US answers every third request
        AtomicInteger calls = new AtomicInteger();
        AccessPath pool = pool(answering(List.of(new Answer(200, "East US 2"), new Answer(429, "East US"),
                new Answer(200, "East US")), calls));

        // WHEN
        PoolRequests requests = PoolRequests.sendUntilAnsweredBy("East US", pool, api -> api.create(Ask.of("gpt-4o",
                "Back?")), Instant.EPOCH, 10, Duration.ZERO);

        // THEN its refusal did not count; its answer did
        assertThat(calls).hasValue(3);
        assertThat(requests.requests()).extracting(Sent::answeredBy).containsExactly("East US 2",
                "429 from East US", "East US");
    }

    @Test
    void should_send_as_many_requests_as_asked_when_the_region_does_not_answer() {
        // GIVEN a pool in which East US never answers
        AtomicInteger calls = new AtomicInteger();
        AccessPath pool = pool(answering(List.of(new Answer(200, "East US 2")), calls));

        // WHEN
        PoolRequests requests = PoolRequests.sendUntilAnsweredBy("East US", pool, api -> api.create(Ask.of("gpt-4o",
                "Back?")), Instant.EPOCH, 7, Duration.ZERO);

        // THEN
        assertThat(calls).hasValue(7);
        assertThat(requests.requests()).hasSize(7).extracting(Sent::answeredBy).containsOnly("East US 2");
    }
}
