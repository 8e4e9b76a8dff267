package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.EUS;
import static io.aoailab.lab.openai.OpenAiLab.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.testing.Answer;
import java.io.IOException;
import java.time.Duration;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an operator's injected faults do to the account's answers, before anything else is checked. */
class OpenAiAccountFaultsTest {
    @RegisterExtension
    static final OpenAiLab LAB = new OpenAiLab();

    static final String CREATE = "/openai/responses?api-version=2025-03-01-preview";
    static final String HELLO = "{\"model\":\"gpt-4o\",\"input\":\"Hello\"}";

    @Test
    void should_answer_429_with_retry_after_headers_when_the_region_is_throttled() {
        // GIVEN
        LAB.faults().inject(EUS, new Fault.Throttle(Duration.ofMillis(1500)), FaultBudget.times(1));

        // WHEN
        Answer answer = LAB.post(EUS, CREATE, HELLO);

        // THEN docs/azure-facts.md §3.5 body, §2 headers
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("retry-after")).isEqualTo("2");
        assertThat(answer.header("retry-after-ms")).isEqualTo("1500");
        assertThat(answer.header("x-ms-region")).isEqualTo("East US");
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"429\",\"message\":\"Requests to the "
                + "Responses_Create Operation under Azure OpenAI API version 2025-03-01-preview have exceeded token "
                + "rate limit of your current OpenAI S0 pricing tier. Please retry after 2 seconds. Please go here: "
                + "https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.\"}}");
    }

    @Test
    void should_apply_the_fault_before_checking_credentials() {
        // GIVEN
        LAB.faults().inject(EUS, new Fault.Throttle(Duration.ofSeconds(1)), FaultBudget.times(1));

        // WHEN
        Answer anonymous = LAB.send(LAB.request(EUS, CREATE).post(RequestBody.create(HELLO, JSON)).build());

        // THEN
        assertThat(anonymous.status()).isEqualTo(429);
    }

    @Test
    void should_serve_again_when_the_fault_budget_is_spent() {
        // GIVEN
        LAB.faults().inject(EUS, new Fault.ServerError(500), FaultBudget.times(1));

        // WHEN
        Answer failed = LAB.post(EUS, CREATE, HELLO);
        Answer served = LAB.post(EUS, CREATE, HELLO);

        // THEN
        assertThat(failed.status()).isEqualTo(500);
        assertThat(served.status()).isEqualTo(200);
    }

    @Test
    void should_surface_the_throttle_as_http_response_exception_when_the_sdk_does_not_retry() {
        // GIVEN
        LAB.faults().inject(EUS, new Fault.Throttle(Duration.ofMillis(10)), FaultBudget.times(1));

        // WHEN
        HttpResponseException throttled = catchThrowableOfType(HttpResponseException.class,
                () -> LAB.client(EUS, "suite-caller").createResponse(
                        new CreateResponsesRequest(CreateResponsesRequestModel.fromString("gpt-4o"), "Hi")));

        // THEN docs/azure-facts.md §0.2: 429 is a plain HttpResponseException in beta.16
        assertThat(throttled.getResponse().getStatusCode()).isEqualTo(429);
        assertThat(throttled.getResponse().getHeaderValue(HttpHeaderName.fromString("retry-after-ms"))).isEqualTo("10");
    }

    @Test
    void should_answer_azures_server_error_body_naming_the_request_id_when_the_backend_fails() {
        // GIVEN
        LAB.faults().inject(EUS, new Fault.ServerError(500), FaultBudget.times(1));

        // WHEN
        Answer answer = LAB.post(EUS, CREATE, HELLO);

        // THEN
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"message\":\"The server had an error while processing your "
                + "request. Sorry about that! You can retry your request, or contact us through an Azure support request "
                + "at: https://go.microsoft.com/fwlink/?linkid=2213926 if the error persists. (Please include the "
                + "request ID " + answer.header("x-request-id") + " in your message.)\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":null}}");
    }

    @Test
    void should_answer_service_unavailable_when_the_backend_is_down() {
        // GIVEN
        LAB.faults().inject(EUS, new Fault.ServerError(503), FaultBudget.times(1));

        // WHEN
        Answer answer = LAB.post(EUS, CREATE, HELLO);

        // THEN
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"The service is "
                + "temporarily unable to process your request. Please try again later.\"}}");
        assertThat(answer.header("x-ms-region")).isEqualTo("East US");
    }

    @Test
    void should_serve_late_when_latency_is_injected() {
        // GIVEN
        LAB.faults().inject(EUS, new Fault.Latency(Duration.ofMillis(400)), FaultBudget.times(1));

        // WHEN
        long start = System.nanoTime();
        Answer answer = LAB.post(EUS, CREATE, HELLO);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void should_leave_the_client_with_an_io_error_when_the_connection_is_dropped() {
        // GIVEN
        LAB.faults().inject(EUS, new Fault.DropConnection(), FaultBudget.times(1));

        // WHEN / THEN
        assertThatThrownBy(() -> LAB.okHttp().newCall(LAB.request(EUS, CREATE)
                .header("Authorization", "Bearer " + LAB.token("suite-caller"))
                .post(RequestBody.create(HELLO, JSON)).build()).execute().close())
                .isInstanceOf(IOException.class);
    }
}
