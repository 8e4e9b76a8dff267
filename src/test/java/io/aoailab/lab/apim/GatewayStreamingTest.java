package io.aoailab.lab.apim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;

/**
 * What the gateway does with a body still arriving (docs/apim-gateway.md §2.3): forward-request's buffer-response, and
 * the buffering an outbound expression that reads context.Response.Body forces. The backend here waits for what the
 * client has seen before it goes on, so each test observes order on the wire rather than timing; where a test must give
 * a wrong gateway the chance to pass a chunk early, the backend holds back for {@link #GRACE}, which only makes a wrong
 * gateway fail, never a right one.
 */
class GatewayStreamingTest {
    /** How long the backend waits for the client in the tests that need the client to answer: a bound, not a pace. */
    private static final long PATIENCE_SECONDS = 10;
    /** How long the backend holds a chunk back to let a wrong gateway pass the first one on early. */
    private static final Duration GRACE = Duration.ofMillis(300);
    private static final String CREATE = "{\"model\":\"gpt-4o\",\"input\":\"Stream it\",\"stream\":true}";

    private static String policy(String forwardAttributes, String outbound) {
        return "<policies><inbound><base /><set-backend-service backend-id=\"aoai-eus\" /></inbound>"
                + "<backend><forward-request " + forwardAttributes + " /></backend>"
                + "<outbound><base />" + outbound + "</outbound><on-error><base /></on-error></policies>";
    }

    private static byte[] event(int index, int size) {
        String head = "event: e" + index + "\ndata: ";
        String pad = "x".repeat(Math.max(0, size - head.length() - 2));
        return (head + pad + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void send(OutputStream out, byte[] chunk) throws IOException {
        out.write(chunk);
        out.flush();
    }

    @Test
    void should_pass_each_chunk_on_at_once_when_buffer_response_is_false() throws Exception {
        // GIVEN a backend that sends its next event only once the client has the previous one
        int events = 5;
        List<CountDownLatch> seen = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            seen.add(new CountDownLatch(1));
        }
        AtomicBoolean waitedInVain = new AtomicBoolean();
        ScriptedBackendGateway.Script script = out -> {
            for (int i = 0; i < events; i++) {
                send(out, event(i, 64));
                if (!seen.get(i).await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    waitedInVain.set(true);
                    return;
                }
            }
        };
        try (ScriptedBackendGateway lab = new ScriptedBackendGateway(policy("buffer-response=\"false\"", ""), script);
                Response response = lab.create(CREATE).execute()) {
            // WHEN the client reads event by event
            BufferedSource source = response.body().source();
            List<String> names = new ArrayList<>();
            for (String line; (line = source.readUtf8Line()) != null; ) {
                if (line.startsWith("event: ")) {
                    names.add(line);
                    seen.get(names.size() - 1).countDown();
                }
            }

            // THEN every event reached the client while the backend was still streaming
            assertThat(waitedInVain).as("the backend waited in vain for the client to see an event").isFalse();
            assertThat(names).containsExactly("event: e0", "event: e1", "event: e2", "event: e3", "event: e4");
            assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        }
    }

    @Test
    void should_pass_a_short_stream_on_in_one_block_at_its_end_when_buffer_response_is_left_at_its_default()
            throws Exception {
        // GIVEN a short stream (far below 8 KB) whose backend holds its last events back for a while
        AtomicBoolean finished = new AtomicBoolean();
        ScriptedBackendGateway.Script script = out -> {
            send(out, event(0, 64));
            Thread.sleep(GRACE.toMillis());
            send(out, event(1, 64));
            send(out, event(2, 64));
            finished.set(true);
        };
        try (ScriptedBackendGateway lab = new ScriptedBackendGateway(policy("", ""), script);
                Response response = lab.create(CREATE).execute()) {
            // WHEN the client waits for its first byte
            BufferedSource source = response.body().source();
            source.require(1);

            // THEN it came only once the backend had ended the stream, and everything came
            assertThat(finished).as("the backend had finished when the first byte arrived").isTrue();
            assertThat(source.readUtf8()).contains("event: e0", "event: e1", "event: e2");
        }
    }

    @Test
    void should_pass_a_long_body_on_in_8_kb_blocks_when_buffer_response_is_true() throws Exception {
        // GIVEN a backend that sends 1,000-byte events and, past the first 8 KB, waits for the client to have 8 KB
        int size = 1_000;
        int events = 20;
        AtomicInteger handedOver = new AtomicInteger();
        CountDownLatch clientHasABlock = new CountDownLatch(1);
        AtomicBoolean waitedInVain = new AtomicBoolean();
        ScriptedBackendGateway.Script script = out -> {
            for (int i = 0; i < events; i++) {
                handedOver.addAndGet(size); // counted before the write: the gateway cannot have more
                send(out, event(i, size));
                if (i == 8 && !clientHasABlock.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    waitedInVain.set(true);
                    return;
                }
            }
        };
        try (ScriptedBackendGateway lab = new ScriptedBackendGateway(policy("buffer-response=\"true\"", ""), script);
                Response response = lab.create(CREATE).execute()) {
            // WHEN the client reads whatever arrives
            BufferedSource source = response.body().source();
            Buffer received = new Buffer();
            List<long[]> reads = new ArrayList<>();
            for (long n; (n = source.read(received, 64 * 1024)) != -1; ) {
                reads.add(new long[] {received.size(), handedOver.get()});
                if (received.size() >= 8 * 1024) {
                    clientHasABlock.countDown();
                }
            }

            // THEN the first 8 KB came while the backend still streamed, and no read ever went past the last whole
            // 8 KB block the backend had handed over, until its end
            assertThat(waitedInVain).as("the backend waited in vain for the client to have a block").isFalse();
            assertThat(received.size()).isEqualTo((long) size * events);
            for (long[] read : reads) {
                if (read[0] < (long) size * events) {
                    assertThat(read[0]).as("bytes received, with %d handed over", read[1])
                            .isLessThanOrEqualTo(read[1] / (8 * 1024) * (8 * 1024));
                }
            }
        }
    }

    @Test
    void should_hold_the_whole_stream_back_when_an_outbound_expression_reads_the_body() throws Exception {
        // GIVEN buffer-response="false", but an outbound header computed from the body
        AtomicBoolean finished = new AtomicBoolean();
        ScriptedBackendGateway.Script script = out -> {
            send(out, event(0, 64));
            Thread.sleep(GRACE.toMillis());
            send(out, event(1, 64));
            finished.set(true);
        };
        String readsTheBody = "<set-header name=\"x-body-length\" exists-action=\"override\"><value>"
                + "@(context.Response.Body.As&lt;string&gt;(preserveContent: true).Length.ToString())</value></set-header>";
        try (ScriptedBackendGateway lab = new ScriptedBackendGateway(policy("buffer-response=\"false\"", readsTheBody),
                script);
                // WHEN the client gets the headers
                Response response = lab.create(CREATE).execute()) {

            // THEN they came only once the whole body was in, and the body still followed them
            assertThat(finished).as("the backend had finished when the headers arrived").isTrue();
            assertThat(response.header("x-body-length")).isEqualTo("128");
            assertThat(response.body().string()).hasSize(128).contains("event: e0", "event: e1");
        }
    }
}
