package io.aoailab.access;

import java.util.List;
import java.util.Optional;

/**
 * A streamed Responses API call as the client read it, to its end.
 *
 * @param eventTypes the types of the events the client parsed, in order
 * @param deltas the text of the {@code response.output_text.delta} events, joined
 * @param completed the response the terminal {@code response.completed} event carried
 */
public record StreamedReply(List<String> eventTypes, String deltas, Optional<Reply> completed) {

    public StreamedReply {
        eventTypes = List.copyOf(eventTypes);
    }
}
