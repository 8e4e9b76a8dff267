package io.aoailab.access;

import static io.aoailab.access.ResponsesWire.bytes;
import static io.aoailab.access.ResponsesWire.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.FluxUtil;
import io.aoailab.testing.CannedResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    void should_stamp_events_with_their_arrival_however_late_the_consumer_reads_them() throws Exception {
        // GIVEN a server that sends the first text delta, and the end 40 ms later
        PipedInputStream wire = new PipedInputStream(64 * 1024);
        PipedOutputStream server = new PipedOutputStream(wire);
        String reply = ResponsesWire.textReply();
        int split = reply.indexOf("event: response.output_text.done");
        InputStream consumer = tapped(wire).getBodyAsBinaryData().toStream();

        server.write(bytes(reply.substring(0, split)));
        server.flush();
        Thread.sleep(40);
        server.write(bytes(reply.substring(split)));
        server.close();
        // WHEN the consumer reads nothing until the whole stream has come (a cold JVM, a descheduled thread)
        await().atMost(Duration.ofSeconds(5)).until(trace::ended);
        byte[] read = consumer.readAllBytes();

        // THEN it reads the stream unchanged, and the trace shows the pace the server sent at, not the consumer's
        // (stamped as the consumer read, the two would be microseconds apart; the margin allows for the reading
        // thread to see the first chunk a little late)
        assertThat(read).isEqualTo(STREAM);
        assertThat(trace.deliverySpread()).hasValueSatisfying(spread -> assertThat(spread)
                .isGreaterThanOrEqualTo(Duration.ofMillis(20)));
    }

    @Test
    void should_show_a_stream_released_at_once_as_arriving_at_once_however_slowly_it_is_read() throws IOException {
        InputStream consumer = tapped(new ByteArrayInputStream(STREAM)).getBodyAsBinaryData().toStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        for (int b = consumer.read(); b >= 0; b = consumer.read()) {
            read.write(b);
            LockSupport.parkNanos(20_000); // a slow reader: 20 microseconds a byte
        }

        assertThat(read.toByteArray()).isEqualTo(STREAM);
        assertThat(trace.deliverySpread()).contains(Duration.ZERO);
    }

    @Test
    void should_hand_the_connections_failure_to_the_consumer_after_what_came_before_it() {
        byte[] first = bytes(event("response.created", 0, ""));
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(first), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("timeout");
            }
        });
        InputStream consumer = tapped(failing).getBodyAsBinaryData().toStream();

        assertThatThrownBy(consumer::readAllBytes).isInstanceOf(SocketTimeoutException.class).hasMessage("timeout");
        assertThat(trace.events()).extracting(StreamedEvent::type).containsExactly("response.created");
        assertThat(trace.ended()).isFalse();
    }

    @Test
    void should_stop_reading_ahead_when_the_response_is_closed() throws IOException {
        PipedInputStream wire = new PipedInputStream(64 * 1024);
        PipedOutputStream server = new PipedOutputStream(wire);
        Set<Thread> before = readingThreads();
        HttpResponse response = tapped(wire);
        InputStream consumer = response.getBodyAsBinaryData().toStream();
        Set<Thread> reading = readingThreads();
        reading.removeAll(before);
        assertThat(reading).as("the thread reading ahead").hasSize(1);
        server.write(bytes(event("response.created", 0, "")));
        server.flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> !trace.events().isEmpty());

        response.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> reading.stream().noneMatch(Thread::isAlive));
        assertThatThrownBy(consumer::read).isInstanceOf(IOException.class).hasMessage("Stream closed");
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

    private static Set<Thread> readingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("aoai-lab-suite event stream"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
