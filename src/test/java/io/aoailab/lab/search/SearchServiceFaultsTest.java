package io.aoailab.lab.search;

import static io.aoailab.lab.search.SearchLab.API_VERSION;
import static io.aoailab.lab.search.SearchLab.DOCS;
import static io.aoailab.lab.search.SearchLab.OTHER;
import static io.aoailab.lab.search.SearchLab.READER;
import static io.aoailab.lab.search.SearchLab.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.exception.HttpResponseException;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.testing.Answer;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults injected on a service (keyed by its name) come before routing and auth, as a failing service fails anything. */
class SearchServiceFaultsTest {
    @RegisterExtension
    static final SearchLab LAB = new SearchLab();

    static final String COUNT = "/indexes('" + DOCS + "')/docs/$count?api-version=" + API_VERSION;

    @Test
    void should_answer_503_with_retry_after_when_the_service_is_throttled() {
        // GIVEN
        LAB.faults().inject(SERVICE, new Fault.Throttle(Duration.ofMillis(2500)), FaultBudget.times(1));

        // WHEN
        Answer throttled = LAB.get(SERVICE, COUNT, READER);
        Answer after = LAB.get(SERVICE, COUNT, READER);

        // THEN
        assertThat(throttled.status()).isEqualTo(503);
        assertThat(throttled.header("Retry-After")).isEqualTo("3");
        assertThat(throttled.body()).isEqualTo("{\"error\":{\"code\":\"\",\"message\":\"Failed to execute request. "
                + "Reduce the rate of requests, or adjust the number of replicas/partitions. See "
                + "http://aka.ms/azure-search-throttling for more information.\"}}");
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void should_throw_503_through_the_sdk_when_retries_are_off_and_the_service_is_throttled() {
        // GIVEN
        LAB.faults().inject(SERVICE, new Fault.Throttle(Duration.ofSeconds(1)), FaultBudget.times(1));

        // WHEN
        HttpResponseException thrown = catchThrowableOfType(HttpResponseException.class,
                () -> LAB.client(SERVICE, DOCS, READER).getDocumentCount());

        // THEN
        assertThat(thrown.getResponse().getStatusCode()).isEqualTo(503);
    }

    @Test
    void should_answer_the_injected_status_when_a_server_error_is_injected() {
        // GIVEN
        LAB.faults().inject(SERVICE, new Fault.ServerError(502), FaultBudget.times(1));

        // WHEN
        Answer answer = LAB.get(SERVICE, COUNT, READER);

        // THEN
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body()).startsWith("{\"error\":{\"code\":\"\",\"message\":");
    }

    @Test
    void should_fault_only_the_service_named_when_another_runs_beside_it() {
        // GIVEN
        LAB.faults().inject(SERVICE, new Fault.ServerError(500), FaultBudget.times(1));

        // WHEN
        Answer other = LAB.get(OTHER, COUNT, "rg-reader");

        // THEN
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void should_fail_the_call_when_the_connection_is_dropped() {
        // GIVEN
        LAB.faults().inject(SERVICE, new Fault.DropConnection(), FaultBudget.times(1));

        // WHEN
        UncheckedIOException thrown = catchThrowableOfType(UncheckedIOException.class,
                () -> LAB.send(LAB.request(SERVICE, COUNT).header("Authorization", "Bearer " + LAB.token(READER))
                        .header("Connection", "close").build()));

        // THEN
        assertThat(thrown).isNotNull();
    }

    @Test
    void should_serve_after_the_delay_when_latency_is_injected() {
        // GIVEN
        LAB.faults().inject(SERVICE, new Fault.Latency(Duration.ofMillis(300)), FaultBudget.times(1));

        // WHEN
        long start = System.nanoTime();
        Answer answer = LAB.get(SERVICE, COUNT, READER);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        assertThat(tookMillis).isGreaterThanOrEqualTo(300);
        assertThat(Long.parseLong(answer.header("elapsed-time"))).isGreaterThanOrEqualTo(300);
    }
}
