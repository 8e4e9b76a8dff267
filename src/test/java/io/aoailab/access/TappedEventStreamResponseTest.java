package io.aoailab.access;

import static io.aoailab.access.ResponsesWire.bytes;
import static io.aoailab.access.ResponsesWire.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.FluxUtil;
import io.aoailab.testing.CannedResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TappedEventStreamResponseTest {
    private static final HttpRequest REQUEST = new HttpRequest(HttpMethod.POST, "https://aoai.example/openai/responses");
    private static final byte[] STREAM = bytes(ResponsesWire.textReply());

    private final StreamTrace trace = new StreamTrace();

    private HttpResponse tapped(InputStream body) {
        return new TappedEventStreamResponse(
                CannedResponse.streaming(REQUEST, CannedResponse.eventStreamHeaders("East US 2"), body),
                new ServerSentEventTap(trace));
    }

    static Stream<Arguments> readers() {
        return Stream.of(
                Arguments.of("getBodyAsBinaryData", (Function<HttpResponse, byte[]>) r -> r.getBodyAsBinaryData().toBytes()),
                Arguments.of("getBodyAsBinaryData().toStream", (Function<HttpResponse, byte[]>) r -> readAll(
                        r.getBodyAsBinaryData().toStream())),
                Arguments.of("getBody", (Function<HttpResponse, byte[]>) r -> FluxUtil.collectBytesInByteBufferStream(
                        r.getBody()).block()),
                Arguments.of("getBodyAsInputStream", (Function<HttpResponse, byte[]>) r -> readAll(
                        r.getBodyAsInputStream().block())),
                Arguments.of("getBodyAsByteArray", (Function<HttpResponse, byte[]>) r -> r.getBodyAsByteArray().block()),
                Arguments.of("getBodyAsString", (Function<HttpResponse, byte[]>) r -> bytes(r.getBodyAsString().block())),
                Arguments.of("getBodyAsString(UTF-8)", (Function<HttpResponse, byte[]>) r -> bytes(
                        r.getBodyAsString(StandardCharsets.UTF_8).block())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void should_pass_the_body_through_unchanged_and_trace_it(String reader, Function<HttpResponse, byte[]> read) {
        byte[] body = read.apply(tapped(new ByteArrayInputStream(STREAM)));

        assertThat(body).isEqualTo(STREAM);
        assertThat(trace.events()).hasSize(7);
        assertThat(trace.usage()).contains(new TokenUsage(11, 3, 14));
        assertThat(trace.ended()).isTrue();
    }

    @Test
    void should_show_each_event_as_soon_as_it_is_read_not_when_the_stream_ends() throws IOException {
        PipedInputStream wire = new PipedInputStream(64 * 1024);
        PipedOutputStream server = new PipedOutputStream(wire);
        byte[] first = bytes(event("response.created", 0, ""));
        byte[] rest = bytes(event("response.completed", 1,
                "\"response\":{\"usage\":{\"input_tokens\":2,\"output_tokens\":1,\"total_tokens\":3}}"));
        InputStream consumer = tapped(wire).getBodyAsBinaryData().toStream();

        server.write(first);
        server.flush();
        assertThat(consumer.readNBytes(first.length)).isEqualTo(first);

        assertThat(trace.events()).as("read while the server has not finished").containsExactly(
                new StreamedEvent("response.created", 0));
        assertThat(trace.ended()).isFalse();

        server.write(rest);
        server.close();
        assertThat(consumer.readAllBytes()).isEqualTo(rest);
        assertThat(trace.events()).extracting(StreamedEvent::type).containsExactly("response.created",
                "response.completed");
        assertThat(trace.usage()).contains(new TokenUsage(2, 1, 3));
    }

    @Test
    void should_tap_skipped_bytes_too() throws IOException {
        InputStream consumer = tapped(new ByteArrayInputStream(STREAM)).getBodyAsBinaryData().toStream();

        assertThat(consumer.skip(STREAM.length)).isEqualTo(STREAM.length);
        assertThat(trace.events()).hasSize(7);
    }

    @Test
    void should_answer_status_headers_and_request_of_the_response() {
        HttpResponse tapped = tapped(new ByteArrayInputStream(STREAM));

        assertThat(tapped.getStatusCode()).isEqualTo(200);
        assertThat(tapped.getHeaderValue(com.azure.core.http.HttpHeaderName.fromString("x-ms-region")))
                .isEqualTo("East US 2");
        assertThat(tapped.getHeaders().getValue(com.azure.core.http.HttpHeaderName.CONTENT_TYPE))
                .startsWith("text/event-stream");
        assertThat(tapped.getRequest()).isSameAs(REQUEST);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
