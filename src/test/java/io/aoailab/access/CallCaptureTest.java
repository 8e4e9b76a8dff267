package io.aoailab.access;

import static io.aoailab.access.ResponsesWire.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.util.FluxUtil;
import io.aoailab.config.Client;
import io.aoailab.report.Redactor;
import io.aoailab.testing.CannedResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

/** What {@link CallCapture} records of a call, read through the real SDK client where the SDK can read it. */
class CallCaptureTest {
    private static final TokenCredential CREDENTIAL = context -> Mono.just(
            new AccessToken("test-token-value", OffsetDateTime.now().plusHours(1)));

    private static HttpClient answering(HttpHeaders headers, String body) {
        return request -> Mono.just(headers.getValue(HttpHeaderName.CONTENT_TYPE).startsWith("text/event-stream")
                ? CannedResponse.streaming(request, headers, new ByteArrayInputStream(bytes(body)))
                : CannedResponse.of(request, headers, bytes(body)));
    }

    private static HttpClient answering(int status, HttpHeaders headers, String body) {
        return request -> Mono.just(CannedResponse.of(request, status, headers, bytes(body)));
    }

    private static HttpHeaders json() {
        return new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
    }

    private static AccessPath direct(HttpClient http) {
        return AccessPath.direct("East US 2", URI.create("https://aoai-eus2.openai.azure.com/"), CREDENTIAL,
                Client.AZURE_AI_OPENAI, Paths.settings(http));
    }

    private static Ask hello() {
        return Ask.of("gpt-4o", "Hello");
    }

    private static HttpPipeline pipeline(CallCapture capture, HttpClient http) {
        return new HttpPipelineBuilder().httpClient(http).policies(capture).build();
    }

    private static HttpRequest post() {
        return new HttpRequest(HttpMethod.POST, "https://aoai-eus2.openai.azure.com/openai/responses");
    }

    @Test
    void should_trace_a_stream_the_sdk_reads_while_the_sdk_still_gets_every_event() {
        AccessPath path = direct(answering(CannedResponse.eventStreamHeaders("East US 2"), ResponsesWire.textReply()));

        Call<StreamedReply> streamed = path.call(api -> api.stream(hello()));

        StreamedReply received = streamed.value();
        assertThat(received.eventTypes()).hasSize(7);
        assertThat(received.deltas()).isEqualTo("Hello th\u00e9re");
        assertThat(received.completed()).isPresent();
        CallRecord call = streamed.record();
        assertThat(call.region()).contains("East US 2");
        assertThat(call.body().usage()).isEmpty();
        assertThat(call.model()).as("the model of the stream's response.created").contains("gpt-4o-2024-08-06");
        StreamTrace trace = call.stream().orElseThrow();
        assertThat(trace.events()).extracting(StreamedEvent::type).containsExactly("response.created",
                "response.in_progress", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.in_progress", "response.completed");
        assertThat(trace.events()).extracting(StreamedEvent::sequenceNumber).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(trace.ended()).isTrue();
        assertThat(call.usage()).contains(new TokenUsage(11, 3, 14));
    }

    @Test
    void should_read_the_usage_of_a_json_body_and_still_hand_the_sdk_the_whole_body() {
        AccessPath path = direct(answering(json().set(HttpHeaderName.fromString("x-ms-region"), "East US 2"),
                ResponsesWire.RESPONSE));

        Call<Reply> created = path.call(api -> api.create(hello()));

        assertThat(created.value().id()).isEqualTo("resp_1");
        CallRecord call = created.record();
        assertThat(call.body().usage()).contains(new TokenUsage(1, 1, 2));
        assertThat(call.model()).contains("gpt-4o-2024-08-06");
        assertThat(call.stream()).isEmpty();
        assertThat(call.usage()).contains(new TokenUsage(1, 1, 2));
    }

    @Test
    void should_record_no_usage_for_a_body_without_one_or_a_body_that_is_not_json() {
        CallCapture capture = new CallCapture("apim", Clock.systemUTC(), new Redactor());
        for (String body : List.of("{\"error\":{\"code\":\"429\"}}", "{\"usage\":{\"input_tokens\":\"many\"}}",
                "{\"usage\":", "<html>Bad Gateway</html>", "", "[1,2]")) {
            pipeline(capture, answering(json(), body)).sendSync(post(), Context.NONE).close();
        }

        assertThat(capture.calls()).hasSize(6).allSatisfy(call -> assertThat(call.usage()).isEmpty());
    }

    @Test
    void should_read_usage_and_trace_streams_on_the_async_path_too() {
        CallCapture capture = new CallCapture("apim", Clock.systemUTC(), new Redactor());

        HttpResponse buffered = pipeline(capture, answering(json(), ResponsesWire.RESPONSE)).send(post()).block();
        HttpResponse streamed = pipeline(capture, answering(CannedResponse.eventStreamHeaders("East US"),
                ResponsesWire.textReply())).send(post()).block();

        assertThat(buffered.getBodyAsString().block()).isEqualTo(ResponsesWire.RESPONSE);
        assertThat(capture.calls().get(0).usage()).contains(new TokenUsage(1, 1, 2));
        CallRecord stream = capture.calls().get(1);
        assertThat(stream.stream().orElseThrow().events()).as("nothing read yet").isEmpty();
        assertThat(FluxUtil.collectBytesInByteBufferStream(streamed.getBody()).block())
                .isEqualTo(bytes(ResponsesWire.textReply()));
        assertThat(stream.usage()).contains(new TokenUsage(11, 3, 14));
    }

    @Test
    void should_read_the_error_code_and_message_of_azure_and_apim_error_bodies() {
        CallCapture capture = new CallCapture("apim", Clock.systemUTC(), new Redactor());

        pipeline(capture, answering(json(), "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API"
                + " deployment for this resource does not exist.\"}}")).sendSync(post(), Context.NONE).close();
        pipeline(capture, answering(json(), "{\"statusCode\":401,\"message\":\"Access denied due to missing"
                + " subscription key.\"}")).sendSync(post(), Context.NONE).close();

        assertThat(capture.calls().get(0).body().errorCode()).contains("DeploymentNotFound");
        assertThat(capture.calls().get(0).body().errorMessage()).contains("The API deployment for this resource does"
                + " not exist.");
        assertThat(capture.calls().get(1).body().errorCode()).isEmpty();
        assertThat(capture.calls().get(1).body().errorMessage()).contains("Access denied due to missing subscription"
                + " key.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1500||PT1.5S", "|2|PT2S", "250|2|PT0.25S", "' 800 '||PT0.8S", "|' 3 '|PT3S",
        "soon|2|PT2S"})
    void should_record_how_long_a_throttled_answer_asks_the_caller_to_wait(String retryAfterMs, String retryAfter,
            String expected) {
        // GIVEN a 429 with retry-after-ms, Retry-After in seconds, or both
        HttpHeaders headers = json().set(HttpHeaderName.fromString("x-ms-region"), "East US");
        if (retryAfterMs != null) {
            headers.set(HttpHeaderName.fromString("retry-after-ms"), retryAfterMs);
        }
        if (retryAfter != null) {
            headers.set(HttpHeaderName.RETRY_AFTER, retryAfter);
        }
        CallCapture capture = new CallCapture("apim", Clock.systemUTC(), new Redactor());

        // WHEN
        pipeline(capture, answering(429, headers, "{\"error\":{\"code\":\"429\"}}")).sendSync(post(), Context.NONE)
                .close();

        // THEN retry-after-ms first, it being the finer; else (absent or not a number) Retry-After's seconds
        assertThat(capture.last().orElseThrow().retryAfter()).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Retry-After|Wed, 21 Oct 2015 07:28:00 GMT",
        "Retry-After|soon",
        "Retry-After|-1",
        "Retry-After|NaN",
        "Retry-After|Infinity",
        "Retry-After|''",
        "retry-after-ms|later"})
    void should_record_no_wait_but_still_the_call_when_the_wait_is_not_a_number_of_seconds(String header,
            String value) {
        // GIVEN a 429 whose wait is an HTTP date, or not a wait at all
        HttpHeaders headers = json().set(HttpHeaderName.fromString("x-ms-region"), "East US")
                .set(HttpHeaderName.fromString(header), value);
        CallCapture capture = new CallCapture("apim", Clock.systemUTC(), new Redactor());

        // WHEN
        pipeline(capture, answering(429, headers, "{\"error\":{\"code\":\"429\"}}")).sendSync(post(), Context.NONE)
                .close();

        // THEN the call is recorded as it came, without a wait
        CallRecord call = capture.last().orElseThrow();
        assertThat(call.retryAfter()).isEmpty();
        assertThat(call.status()).isEqualTo(429);
        assertThat(call.region()).contains("East US");
        assertThat(call.body().errorCode()).contains("429");
    }

    @Test
    void should_record_no_wait_for_an_answer_that_does_not_ask_for_one_on_either_path() {
        // GIVEN
        CallCapture capture = new CallCapture("apim", Clock.systemUTC(), new Redactor());

        // WHEN
        pipeline(capture, answering(json(), ResponsesWire.RESPONSE)).sendSync(post(), Context.NONE).close();
        pipeline(capture, answering(429, json(), "{}")).send(post()).block().close();

        // THEN
        assertThat(capture.calls()).hasSize(2).allSatisfy(call -> assertThat(call.retryAfter()).isEmpty());
    }

    @Test
    void should_record_the_wait_on_the_async_path_too() {
        // GIVEN
        CallCapture capture = new CallCapture("apim", Clock.systemUTC(), new Redactor());

        // WHEN
        pipeline(capture, answering(429, json().set(HttpHeaderName.fromString("retry-after-ms"), "1200")
                .set(HttpHeaderName.RETRY_AFTER, "2"), "{}")).send(post()).block().close();

        // THEN
        assertThat(capture.last().orElseThrow().retryAfter()).contains(Duration.ofMillis(1200));
    }

    @Test
    void should_read_the_region_from_the_header_it_was_given() {
        // GIVEN an answer naming one region in x-ms-region and another in the gateway's header, in any case
        HttpHeaders headers = json().set(HttpHeaderName.fromString("x-ms-region"), "East US")
                .set(HttpHeaderName.fromString("X-Backend-Region"), "East US 2");
        CallCapture gateway = new CallCapture("apim", "x-backend-region", Clock.systemUTC(), new Redactor());
        CallCapture azure = new CallCapture("apim", Clock.systemUTC(), new Redactor());

        // WHEN
        pipeline(gateway, answering(headers, ResponsesWire.RESPONSE)).sendSync(post(), Context.NONE).close();
        pipeline(azure, answering(headers, ResponsesWire.RESPONSE)).sendSync(post(), Context.NONE).close();

        // THEN each reads its own header
        assertThat(gateway.last().orElseThrow().region()).contains("East US 2");
        assertThat(azure.last().orElseThrow().region()).contains("East US");
    }

    @Test
    void should_read_the_region_from_no_other_header_than_the_one_it_was_given() {
        // GIVEN answers naming their region only in the header the other capture reads
        CallCapture gateway = new CallCapture("apim", "x-backend-region", Clock.systemUTC(), new Redactor());
        CallCapture azure = new CallCapture("apim", CallCapture.AZURE_REGION_HEADER, Clock.systemUTC(),
                new Redactor());

        // WHEN
        pipeline(gateway, answering(json().set(HttpHeaderName.fromString("x-ms-region"), "East US"),
                ResponsesWire.RESPONSE)).sendSync(post(), Context.NONE).close();
        pipeline(azure, answering(json().set(HttpHeaderName.fromString("x-backend-region"), "East US 2"),
                ResponsesWire.RESPONSE)).sendSync(post(), Context.NONE).close();

        // THEN neither names a region: a policy that does not set its header shows as an answer without one
        assertThat(gateway.last().orElseThrow().region()).isEmpty();
        assertThat(azure.last().orElseThrow().region()).isEmpty();
    }
}
