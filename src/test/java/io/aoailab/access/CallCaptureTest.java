package io.aoailab.access;

import static io.aoailab.access.ResponsesWire.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.ai.openai.responses.models.ResponsesStreamEvent;
import com.azure.ai.openai.responses.models.ResponsesStreamEventCompleted;
import com.azure.ai.openai.responses.models.ResponsesStreamEventOutputTextDelta;
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
import io.aoailab.testing.CannedResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
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

    private static HttpHeaders json() {
        return new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
    }

    private static AccessPath direct(HttpClient http) {
        return AccessPath.direct("East US 2", URI.create("https://aoai-eus2.openai.azure.com/"), CREDENTIAL, http,
                "2025-03-01-preview", Clock.systemUTC());
    }

    private static CreateResponsesRequest hello() {
        return new CreateResponsesRequest(CreateResponsesRequestModel.fromString("gpt-4o"), "Hello");
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

        List<ResponsesStreamEvent> received = path.responses().createResponseStreaming(hello()).stream()
                .collect(Collectors.toList());

        assertThat(received).hasSize(7);
        assertThat(received.get(2)).isInstanceOfSatisfying(ResponsesStreamEventOutputTextDelta.class,
                delta -> assertThat(delta.getDelta()).isEqualTo("Hello"));
        assertThat(received.get(6)).isInstanceOf(ResponsesStreamEventCompleted.class);
        CallRecord call = path.capture().last().orElseThrow();
        assertThat(call.region()).contains("East US 2");
        assertThat(call.bodyUsage()).isEmpty();
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
        AccessPath path = direct(answering(json(), ResponsesWire.RESPONSE));

        assertThat(path.responses().createResponse(hello()).getId()).isEqualTo("resp_1");

        CallRecord call = path.capture().last().orElseThrow();
        assertThat(call.bodyUsage()).contains(new TokenUsage(1, 1, 2));
        assertThat(call.stream()).isEmpty();
        assertThat(call.usage()).contains(new TokenUsage(1, 1, 2));
    }

    @Test
    void should_record_no_usage_for_a_body_without_one_or_a_body_that_is_not_json() {
        CallCapture capture = new CallCapture("apim", Clock.systemUTC());
        for (String body : List.of("{\"error\":{\"code\":\"429\"}}", "{\"usage\":{\"input_tokens\":\"many\"}}",
                "{\"usage\":", "<html>Bad Gateway</html>", "", "[1,2]")) {
            pipeline(capture, answering(json(), body)).sendSync(post(), Context.NONE).close();
        }

        assertThat(capture.calls()).hasSize(6).allSatisfy(call -> assertThat(call.usage()).isEmpty());
    }

    @Test
    void should_read_usage_and_trace_streams_on_the_async_path_too() {
        CallCapture capture = new CallCapture("apim", Clock.systemUTC());

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
}
