package io.aoailab.assertions;

import io.aoailab.access.StreamedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the events of a streamed response as they came over the wire (docs/azure-facts.md §1.4): each
 * carries a {@code sequence_number} that increases from 0, the stream opens with {@code response.created} and
 * {@code response.in_progress} and ends with {@code response.completed}, and a text reply's events come in the
 * documented order.
 *
 * <pre>{@code
 * EventStreamAssert.assertThat(call.stream().orElseThrow().events())
 *         .hasSequenceNumbersIncreasingFromZero()
 *         .isATextReplyInTheDocumentedOrder();
 * }</pre>
 */
public final class EventStreamAssert extends AbstractAssert<EventStreamAssert, List<StreamedEvent>> {
    static final String DELTA = "response.output_text.delta";

    /** A simple text reply, in the documented order; the deltas repeat, everything else comes once. */
    static final List<String> TEXT_REPLY = List.of("response.created", "response.in_progress",
            "response.output_item.added", "response.content_part.added", DELTA, "response.output_text.done",
            "response.content_part.done", "response.output_item.done", "response.completed");

    private EventStreamAssert(List<StreamedEvent> events) {
        super(events, EventStreamAssert.class);
    }

    public static EventStreamAssert assertThat(List<StreamedEvent> events) {
        return new EventStreamAssert(events);
    }

    /** Every event has a {@code sequence_number}; the first is 0 and each is greater than the one before. */
    public EventStreamAssert hasSequenceNumbersIncreasingFromZero() {
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("%nExpecting a stream of events,%nbut it had none");
        }
        long previous = -1;
        for (int i = 0; i < actual.size(); i++) {
            StreamedEvent event = actual.get(i);
            if (!event.hasSequenceNumber()) {
                failWithMessage("%nExpecting every event to carry a sequence_number,%nbut event #%d (%s) had none",
                        i, event.type());
            }
            boolean wrong = i == 0 ? event.sequenceNumber() != 0 : event.sequenceNumber() <= previous;
            if (wrong) {
                failWithMessage("%nExpecting sequence_number to start at 0 and increase at every event,%nbut event"
                        + " #%d (%s) has %d%s", i, event.type(), event.sequenceNumber(),
                        i == 0 ? "" : " after " + previous);
            }
            previous = event.sequenceNumber();
        }
        return this;
    }

    /**
     * The events of a text reply, with the deltas counted as one and events the order does not name (e.g. a
     * reasoning model's summary events) left out, are exactly the documented sequence, with at least one delta.
     */
    public EventStreamAssert isATextReplyInTheDocumentedOrder() {
        isNotNull();
        Set<String> named = Set.copyOf(TEXT_REPLY);
        List<String> seen = new ArrayList<>();
        int deltas = 0;
        for (StreamedEvent event : actual) {
            if (event.type().equals(DELTA)) {
                deltas++;
            }
            boolean repeatedDelta = event.type().equals(DELTA) && !seen.isEmpty() && seen.get(seen.size() - 1).equals(DELTA);
            if (named.contains(event.type()) && !repeatedDelta) {
                seen.add(event.type());
            }
        }
        if (!seen.equals(TEXT_REPLY)) {
            failWithMessage("%nExpecting the events of a text reply in the documented order:%n  %s%nbut was:%n  %s"
                    + "%n(%d deltas, shown once)", String.join(", ", TEXT_REPLY), String.join(", ", seen), deltas);
        }
        return this;
    }
}
