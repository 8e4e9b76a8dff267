package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.http.SseStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Streams a finished response as the Responses API does (facts §1.4), in the canonical order for a text reply:
 * {@code response.created} (status in_progress), {@code response.in_progress}, {@code response.output_item.added},
 * {@code response.content_part.added}, one {@code response.output_text.delta} per word, {@code
 * response.output_text.done}, {@code response.content_part.done}, {@code response.output_item.done}, then
 * {@code response.completed} — or {@code response.incomplete} when cut short by {@code max_output_tokens}.
 *
 * <p>Every event carries {@code type} (equal to the SSE event name) and {@code sequence_number} counting from 0. No
 * event has a top-level {@code error} key (openai-java treats one as a failure, §1.4) and no {@code [DONE]} follows.
 * {@link SseStream} writes the {@code event:} line before the single {@code data:} line beta.16 requires (§0.4).
 */
final class ResponseEvents {
    private final SseStream sse;
    private int sequence;

    private ResponseEvents(SseStream sse) {
        this.sse = sse;
    }

    /**
     * @param response the final response object (status completed or incomplete, with usage)
     * @param message the final assistant message inside it
     * @param text the message's text
     */
    static void stream(SseStream sse, ObjectNode response, ObjectNode message, String text) throws IOException {
        new ResponseEvents(sse).write(response, message, text);
    }

    private void write(ObjectNode response, ObjectNode message, String text) throws IOException {
        ObjectNode inProgress = response.deepCopy();
        inProgress.put("status", "in_progress").putNull("incomplete_details");
        inProgress.putArray("output");
        inProgress.putNull("usage");
        send(event("response.created").set("response", inProgress));
        send(event("response.in_progress").set("response", inProgress));

        String itemId = message.path("id").asText();
        ObjectNode openItem = message.deepCopy().put("status", "in_progress");
        openItem.putArray("content");
        send(event("response.output_item.added").put("output_index", 0).set("item", openItem));
        send(part("response.content_part.added", itemId).set("part", ResponseJson.outputText("")));
        for (String delta : deltas(text)) {
            send(part("response.output_text.delta", itemId).put("delta", delta));
        }
        send(part("response.output_text.done", itemId).put("text", text));
        send(part("response.content_part.done", itemId).set("part", ResponseJson.outputText(text)));
        send(event("response.output_item.done").put("output_index", 0).set("item", message));
        boolean incomplete = "incomplete".equals(response.path("status").asText());
        send(event(incomplete ? "response.incomplete" : "response.completed").set("response", response));
    }

    /** Word by word, each word with the whitespace before it, so the deltas concatenate to exactly the text. */
    static List<String> deltas(String text) {
        return text.isEmpty() ? List.of("") : Arrays.asList(text.split("(?<=\\S)(?=\\s)"));
    }

    private ObjectNode event(String type) {
        return LabJson.object().put("type", type).put("sequence_number", sequence++);
    }

    /** An event about the one content part of the one output item. */
    private ObjectNode part(String type, String itemId) {
        return event(type).put("item_id", itemId).put("output_index", 0).put("content_index", 0);
    }

    private void send(ObjectNode event) throws IOException {
        sse.event(event.path("type").asText(), event);
    }
}
