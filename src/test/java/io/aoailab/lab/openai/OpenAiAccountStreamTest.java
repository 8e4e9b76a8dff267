package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.EUS;
import static io.aoailab.lab.openai.OpenAiLab.KEYS;
import static io.aoailab.lab.openai.OpenAiLab.PACED;
import static io.aoailab.lab.openai.OpenAiLab.PACED_PACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.lab.http.LabJson;
import io.aoailab.testing.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server-sent events as bytes on the wire (docs/azure-facts.md §0.4, §1.4). */
class OpenAiAccountStreamTest {
    @RegisterExtension
    static final OpenAiLab LAB = new OpenAiLab();

    static final String CREATE = "/openai/responses?api-version=2025-03-01-preview";

    @Test
    void should_frame_every_event_as_an_event_line_then_one_data_line_when_streaming() {
        // WHEN
        Answer answer = LAB.post(EUS, CREATE, "{\"model\":\"gpt-4o\",\"input\":\"Frame it\",\"stream\":true}");

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/event-stream");
        assertThat(answer.header("x-ms-region")).isEqualTo("East US");
        assertThat(answer.body()).doesNotContain("[DONE]").endsWith("\n\n");
        for (String frame : answer.body().split("\n\n")) {
            String[] lines = frame.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: {");
        }
    }

    @Test
    void should_number_events_from_zero_and_name_them_by_type_without_a_top_level_error() {
        // WHEN
        List<Event> events = events(LAB.post(EUS, CREATE,
                "{\"model\":\"gpt-4o\",\"input\":\"Count the events\",\"stream\":true}"));

        // THEN
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            assertThat(event.data().path("sequence_number").intValue()).isEqualTo(i);
            assertThat(event.data().path("type").asText()).isEqualTo(event.name());
            assertThat(event.data().has("error")).isFalse();
        }
        assertThat(events.get(0).name()).isEqualTo("response.created");
        assertThat(events.get(0).data().path("response").path("status").asText()).isEqualTo("in_progress");
        assertThat(events.get(1).name()).isEqualTo("response.in_progress");
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("response.completed");
        JsonNode usage = last.data().path("response").path("usage");
        assertThat(usage.path("total_tokens").intValue())
                .isEqualTo(usage.path("input_tokens").intValue() + usage.path("output_tokens").intValue());
        String deltas = events.stream().filter(e -> e.name().equals("response.output_text.delta"))
                .map(e -> e.data().path("delta").asText()).collect(Collectors.joining());
        assertThat(deltas).isEqualTo(
                last.data().path("response").path("output").get(0).path("content").get(0).path("text").asText());
    }

    @Test
    void should_end_with_response_incomplete_when_max_output_tokens_cuts_the_stream() {
        // WHEN
        List<Event> events = events(LAB.post(EUS, CREATE,
                "{\"model\":\"gpt-4o\",\"input\":\"Cut me short\",\"stream\":true,\"max_output_tokens\":16}"));

        // THEN
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("response.incomplete");
        assertThat(last.data().path("response").path("status").asText()).isEqualTo("incomplete");
        assertThat(last.data().path("response").path("incomplete_details").path("reason").asText())
                .isEqualTo("max_output_tokens");
        assertThat(last.data().path("response").path("usage").path("output_tokens").intValue()).isLessThanOrEqualTo(16);
    }

    @Test
    void should_store_a_streamed_response_when_store_is_not_false() {
        // GIVEN
        List<Event> events = events(LAB.post(EUS, CREATE,
                "{\"model\":\"gpt-4o\",\"input\":\"Keep the stream\",\"stream\":true}"));
        String id = events.get(0).data().path("response").path("id").asText();

        // WHEN
        Answer fetched = LAB.get(EUS, "/openai/responses/" + id + "?api-version=2025-03-01-preview");

        // THEN
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).contains("\"status\":\"completed\"", "Keep the stream");
    }

    @Test
    void should_spread_the_text_deltas_over_time_at_the_deployments_pace() throws IOException {
        // GIVEN a deployment whose first token comes after 80 ms and each further one 30 ms later
        // WHEN
        Arrivals arrivals = arrivals(KEYS, "{\"model\":\"" + PACED + "\",\"input\":\"Take your time\",\"stream\":true}");

        // THEN on the wire: the first delta no earlier than the first token, the last no earlier than every token,
        // and the deltas spread out rather than in one burst (lower bounds only: a server that sleeps is never early;
        // the spread allows for a client that reads its first delta late)
        int tokens = arrivals.deltas().size();
        assertThat(tokens).isGreaterThan(5);
        assertThat(arrivals.millisToFirstDelta()).isGreaterThanOrEqualTo(PACED_PACE.firstTokenMs());
        assertThat(arrivals.millisToLastDelta())
                .isGreaterThanOrEqualTo(PACED_PACE.firstTokenMs() + (tokens - 1L) * PACED_PACE.perTokenMs());
        assertThat(arrivals.millisFromFirstToLastDelta()).isGreaterThanOrEqualTo((tokens - 1L) * PACED_PACE.perTokenMs() / 2);
    }

    @Test
    void should_spread_even_a_short_reply_over_tens_of_milliseconds_at_the_default_pace() throws IOException {
        // WHEN a deployment without a pace of its own: first token after 10 ms, then one every 2 ms
        Arrivals arrivals = arrivals(EUS, "{\"model\":\"gpt-4o\",\"input\":\"Hello there, lab\",\"stream\":true}");

        // THEN
        int tokens = arrivals.deltas().size();
        assertThat(arrivals.millisToFirstDelta()).isGreaterThanOrEqualTo(10);
        assertThat(arrivals.millisToLastDelta()).isGreaterThanOrEqualTo(10 + (tokens - 1L) * 2);
    }

    /** When each text delta arrived, in nanoseconds of {@link System#nanoTime()}, and when the request left. */
    record Arrivals(long sent, List<Long> deltas) {
        long millisToFirstDelta() {
            return (deltas.get(0) - sent) / 1_000_000;
        }

        long millisToLastDelta() {
            return (deltas.get(deltas.size() - 1) - sent) / 1_000_000;
        }

        long millisFromFirstToLastDelta() {
            return (deltas.get(deltas.size() - 1) - deltas.get(0)) / 1_000_000;
        }
    }

    private static Arrivals arrivals(String account, String json) throws IOException {
        List<Long> deltas = new ArrayList<>();
        long sent = System.nanoTime();
        try (Response response = LAB.okHttp().newCall(LAB.request(account, CREATE)
                .header("Authorization", "Bearer " + LAB.token("suite-caller"))
                .post(RequestBody.create(json, OpenAiLab.JSON)).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            BufferedSource source = response.body().source();
            for (String line; (line = source.readUtf8Line()) != null; ) {
                if (line.equals("event: response.output_text.delta")) {
                    deltas.add(System.nanoTime());
                }
            }
        }
        return new Arrivals(sent, deltas);
    }

    record Event(String name, JsonNode data) {
    }

    private static List<Event> events(Answer answer) {
        List<Event> events = new ArrayList<>();
        for (String frame : answer.body().split("\n\n")) {
            String[] lines = frame.split("\n");
            try {
                events.add(new Event(lines[0].substring("event: ".length()),
                        LabJson.MAPPER.readTree(lines[1].substring("data: ".length()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }
}
