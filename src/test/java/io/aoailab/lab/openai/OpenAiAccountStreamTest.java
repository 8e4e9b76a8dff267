package io.aoailab.lab.openai;

import static io.aoailab.lab.openai.OpenAiLab.EUS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.lab.http.LabJson;
import io.aoailab.testing.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
