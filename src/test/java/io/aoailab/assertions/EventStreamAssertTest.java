package io.aoailab.assertions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.access.StreamedEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamAssertTest {

    private static List<StreamedEvent> events(String... types) {
        List<StreamedEvent> events = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            events.add(new StreamedEvent(types[i], i));
        }
        return events;
    }

    private static final String[] TEXT = {"response.created", "response.in_progress", "response.output_item.added",
        "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
        "response.output_text.delta", "response.output_text.done", "response.content_part.done",
        "response.output_item.done", "response.completed"};

    @Test
    void should_pass_a_text_reply_as_documented() {
        EventStreamAssert.assertThat(events(TEXT)).hasSequenceNumbersIncreasingFromZero()
                .isATextReplyInTheDocumentedOrder();
    }

    @Test
    void should_ignore_events_the_order_does_not_name() {
        List<StreamedEvent> events = events(TEXT);
        events.add(2, new StreamedEvent("response.reasoning_summary_part.added", 100));

        EventStreamAssert.assertThat(events).isATextReplyInTheDocumentedOrder();
    }

    @Test
    void should_fail_when_a_sequence_number_does_not_increase() {
        List<StreamedEvent> events = events(TEXT);
        events.set(5, new StreamedEvent("response.output_text.delta", 4));

        assertThatThrownBy(() -> EventStreamAssert.assertThat(events).hasSequenceNumbersIncreasingFromZero())
                .hasMessageContaining("Expecting sequence_number to start at 0 and increase at every event,")
                .hasMessageContaining("but event #5 (response.output_text.delta) has 4 after 4");
    }

    @Test
    void should_fail_when_the_first_sequence_number_is_not_zero_or_one_is_missing() {
        List<StreamedEvent> late = new ArrayList<>(List.of(new StreamedEvent("response.created", 1)));
        List<StreamedEvent> missing = events(TEXT);
        missing.set(3, new StreamedEvent("response.content_part.added", StreamedEvent.NO_SEQUENCE_NUMBER));

        assertThatThrownBy(() -> EventStreamAssert.assertThat(late).hasSequenceNumbersIncreasingFromZero())
                .hasMessageContaining("but event #0 (response.created) has 1");
        assertThatThrownBy(() -> EventStreamAssert.assertThat(missing).hasSequenceNumbersIncreasingFromZero())
                .hasMessageContaining("but event #3 (response.content_part.added) had none");
        assertThatThrownBy(() -> EventStreamAssert.assertThat(List.of()).hasSequenceNumbersIncreasingFromZero())
                .hasMessageContaining("but it had none");
    }

    @Test
    void should_fail_when_events_come_out_of_order_or_the_stream_does_not_complete() {
        List<StreamedEvent> swapped = events(TEXT);
        swapped.set(0, new StreamedEvent("response.in_progress", 0));
        swapped.set(1, new StreamedEvent("response.created", 1));
        List<StreamedEvent> cut = events(TEXT).subList(0, TEXT.length - 1);

        assertThatThrownBy(() -> EventStreamAssert.assertThat(swapped).isATextReplyInTheDocumentedOrder())
                .hasMessageContaining("Expecting the events of a text reply in the documented order:")
                .hasMessageContaining("but was:\n  response.in_progress, response.created,")
                .hasMessageContaining("(3 deltas, shown once)");
        assertThatThrownBy(() -> EventStreamAssert.assertThat(cut).isATextReplyInTheDocumentedOrder())
                .hasMessageContaining("response.output_item.done\n(3 deltas");
    }

    @Test
    void should_fail_a_reply_without_deltas() {
        List<StreamedEvent> events = new ArrayList<>(events(TEXT));
        events.removeIf(e -> e.type().equals("response.output_text.delta"));

        assertThatThrownBy(() -> EventStreamAssert.assertThat(events).isATextReplyInTheDocumentedOrder())
                .hasMessageContaining("(0 deltas, shown once)");
    }
}
