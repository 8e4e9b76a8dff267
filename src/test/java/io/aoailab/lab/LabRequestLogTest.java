package io.aoailab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.lab.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link Lab#requestsTo} shows of the requests an injected fault answered: every one, with the status it got and
 * the time it arrived, so a test can count what reached a region in a window and how it was answered. The requests go
 * straight to the account, without credentials: a fault answers before the account looks at any (and once it is
 * spent, the account's own 401 answers).
 */
class LabRequestLogTest {
    private static final String EAST_US = "aoai-eus.openai.azure.com";
    private static Lab lab;
    private static HttpClientFactory http;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabOptions.defaults());
        http = new HttpClientFactory(Duration.ofSeconds(10), NetworkPosture.jdkDefaults().direct()
                .with(List.of(lab.caCertificate()), lab.pinnedHosts()));
    }

    @AfterAll
    static void stop() {
        http.close();
        lab.close();
    }

    @AfterEach
    void heal() {
        lab.faults().reset();
    }

    @Test
    void should_show_the_429s_of_a_throttled_account_each_at_the_time_it_arrived() {
        // GIVEN East US throttles its next three requests
        lab.faults().inject("aoai-eus", new Fault.Throttle(Duration.ofSeconds(7)), FaultBudget.times(3));
        int logged = lab.requestsTo(EAST_US).size();
        Instant start = Instant.now();

        // WHEN four requests come, one after the other
        List<Integer> answered = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answered.add(create());
        }

        // THEN the log shows the three 429s and the 401 after them, in the order they arrived, as the callers got them
        List<RecordedRequest> added = added(logged);
        assertThat(answered).containsExactly(429, 429, 429, 401);
        assertThat(added).extracting(RecordedRequest::status).containsExactly(429, 429, 429, 401);
        assertThat(added).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/openai/responses");
            assertThat(request.at()).isBetween(start, Instant.now());
        });
        assertThat(added).extracting(RecordedRequest::at).isSorted();
    }

    @Test
    void should_show_a_server_error_with_the_status_the_fault_answered() {
        lab.faults().inject("aoai-eus", new Fault.ServerError(503), FaultBudget.times(1));
        int logged = lab.requestsTo(EAST_US).size();

        assertThat(create()).isEqualTo(503);

        assertThat(added(logged)).singleElement().extracting(RecordedRequest::status).isEqualTo(503);
    }

    @Test
    void should_show_a_dropped_connection_as_dropped() {
        lab.faults().inject("aoai-eus", new Fault.DropConnection(), FaultBudget.times(1));
        int logged = lab.requestsTo(EAST_US).size();

        assertThatThrownBy(LabRequestLogTest::create).hasCauseInstanceOf(IOException.class);

        assertThat(added(logged)).singleElement().satisfies(request -> {
            assertThat(request.dropped()).isTrue();
            assertThat(request.status()).isEqualTo(RecordedRequest.DROPPED);
        });
    }

    @Test
    void should_show_a_late_answer_at_the_time_its_request_arrived_not_the_time_it_left() {
        // GIVEN East US answers its next request only after a second
        Duration delay = Duration.ofSeconds(1);
        lab.faults().inject("aoai-eus", new Fault.Latency(delay), FaultBudget.times(1));
        int logged = lab.requestsTo(EAST_US).size();
        Instant sent = Instant.now();

        // WHEN
        int status = create();
        Instant received = Instant.now();

        // THEN the account served it (401: no credentials) and logged it as arrived at least the delay before the
        // answer reached the caller
        assertThat(status).isEqualTo(401);
        assertThat(added(logged)).singleElement().satisfies(request -> {
            assertThat(request.status()).isEqualTo(401);
            assertThat(request.at()).isBetween(sent, received.minus(delay));
        });
    }

    private static List<RecordedRequest> added(int logged) {
        List<RecordedRequest> log = lab.requestsTo(EAST_US);
        return log.subList(logged, log.size());
    }

    // a create without credentials, straight to East US
    private static int create() {
        Request request = new Request.Builder()
                .url(lab.account("aoai-eus").hostUri() + "openai/responses?api-version=2025-03-01-preview")
                .post(RequestBody.create("{\"model\":\"gpt-4o\",\"input\":\"hi\"}", MediaType.get("application/json")))
                .build();
        try (Response response = http.okHttp().newCall(request).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
