package io.aoailab.access;

import static io.aoailab.access.ResponsesWire.bytes;
import static io.aoailab.access.ResponsesWire.event;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerSentEventTapTest {
    private final StreamTrace trace = new StreamTrace();
    private final ServerSentEventTap tap = new ServerSentEventTap(trace);

    private StreamTrace read(String stream) {
        byte[] bytes = bytes(stream);
        tap.accept(bytes, 0, bytes.length);
        return trace;
    }

    @Test
    void should_record_each_events_type_and_sequence_number_and_the_terminal_usage() {
        read(ResponsesWire.textReply());

        assertThat(trace.events()).extracting(StreamedEvent::sequenceNumber).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(trace.events()).first().isEqualTo(new StreamedEvent("response.created", 0));
        assertThat(trace.events()).last().isEqualTo(new StreamedEvent("response.completed", 6));
        assertThat(trace.usage()).contains(new TokenUsage(11, 3, 14));
        assertThat(trace.ended()).isTrue();
    }

    @Test
    void should_not_take_usage_from_an_event_before_the_terminal_one() {
        read(event("response.created", 0, "\"response\":{\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"));

        assertThat(trace.usage()).isEmpty();
        assertThat(trace.ended()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"response.completed", "response.incomplete", "response.failed"})
    void should_end_at_a_terminal_event_and_take_its_usage(String terminal) {
        read(event(terminal, 0, "\"response\":{\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}"));

        assertThat(trace.usage()).as("total_tokens missing: input + output").contains(new TokenUsage(5, 2, 7));
        assertThat(trace.ended()).isTrue();
    }

    @Test
    void should_end_without_usage_when_the_terminal_event_reports_none() {
        read(event("response.failed", 0, "\"response\":{\"usage\":null}"));

        assertThat(trace.usage()).isEmpty();
        assertThat(trace.ended()).isTrue();
    }

    @Test
    void should_record_an_event_without_a_sequence_number_as_having_none() {
        read("event: response.in_progress\ndata: {\"type\":\"response.in_progress\"}\n\n");

        assertThat(trace.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("response.in_progress");
            assertThat(e.sequenceNumber()).isEqualTo(StreamedEvent.NO_SEQUENCE_NUMBER);
            assertThat(e.hasSequenceNumber()).isFalse();
        });
    }

    @Test
    void should_record_malformed_json_under_its_event_name_without_a_sequence_number() {
        read("event: response.output_text.delta\ndata: {\"type\":\"response.outp\n\ndata: not json\n\n");

        assertThat(trace.events()).containsExactly(
                new StreamedEvent("response.output_text.delta", StreamedEvent.NO_SEQUENCE_NUMBER),
                new StreamedEvent("message", StreamedEvent.NO_SEQUENCE_NUMBER));
    }

    @Test
    void should_prefer_the_json_type_to_the_event_line() {
        read("event: x\ndata: {\"type\":\"error\",\"sequence_number\":3}\n\n");

        assertThat(trace.events()).containsExactly(new StreamedEvent("error", 3));
    }

    @Test
    void should_end_at_the_end_of_the_body_without_a_terminal_event() {
        read(event("response.created", 0, ""));
        tap.end();

        assertThat(trace.ended()).isTrue();
        assertThat(trace.usage()).isEmpty();
    }
}
