package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.http.SseStream;
import io.aoailab.lab.topology.Topology.StreamPace;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Streams a finished response as the Responses API does (docs/azure-facts.md §1.4), in the canonical order for a text reply:
 * {@code response.created} (status in_progress), {@code response.in_progress}, {@code response.output_item.added},
 * {@code response.content_part.added}, one {@code response.output_text.delta} per word, {@code
 * response.output_text.done}, {@code response.content_part.done}, {@code response.output_item.done}, then
 * {@code response.completed} — or {@code response.incomplete} when cut short by {@code max_output_tokens}.
 *
 * <p>Before the message, a {@code file_search_call} item streams as {@code response.output_item.added} (status
 * in_progress), {@code response.file_search_call.in_progress}, {@code response.file_search_call.searching},
 * {@code response.file_search_call.completed} (each with {@code item_id} and {@code output_index}), then
 * {@code response.output_item.done} [PRIMARY: OpenAI streaming-events reference, docs/azure-facts.md §1.4]. beta.16 registers the
 * first under the typo {@code response.file_search_call.in.progress} (§1.4), so it reads the real name as the base
 * {@code ResponsesStreamEvent} with a null type; the real name is sent regardless. A message's annotations each
 * follow its deltas as {@code response.output_text.annotation.added} ({@code annotation_index}, {@code annotation}).
 *
 * <p>Every event carries {@code type} (equal to the SSE event name) and {@code sequence_number} counting from 0. No
 * event has a top-level {@code error} key (openai-java treats one as a failure, §1.4) and no {@code [DONE]} follows.
 * {@link SseStream} writes the {@code event:} line before the single {@code data:} line beta.16 requires (§0.4).
 *
 * <p><b>Pace.</b> The deployment's {@link StreamPace} spreads the text deltas in time as a model produces them: the
 * first one comes {@code firstTokenMs} after the stream starts, each further one {@code perTokenMs} after the one before;
 * every other event goes out as soon as it is ready. Each event is flushed as it is written, so a client sees the
 * deltas arrive one by one.
 */
final class ResponseEvents {
    private final SseStream sse;
    private final StreamPace pace;
    private final long startNanos = System.nanoTime();
    private boolean deltaSent;
    private int sequence;

    private ResponseEvents(SseStream sse, StreamPace pace) {
        this.sse = sse;
        this.pace = pace;
    }

    /**
     * @param response the final response object (status completed or incomplete, with usage), whose output is
     *     {@code file_search_call} items and one assistant message
     * @param pace how the deployment spreads the text deltas in time
     */
    static void stream(SseStream sse, ObjectNode response, StreamPace pace) throws IOException {
        new ResponseEvents(sse, pace).write(response);
    }

    private void write(ObjectNode response) throws IOException {
        ObjectNode inProgress = response.deepCopy();
        inProgress.put("status", "in_progress").putNull("incomplete_details");
        inProgress.putArray("output");
        inProgress.putNull("usage");
        send(event("response.created").set("response", inProgress));
        send(event("response.in_progress").set("response", inProgress));
        int index = 0;
        for (JsonNode item : response.path("output")) {
            if ("file_search_call".equals(item.path("type").asText())) {
                fileSearchCall((ObjectNode) item, index);
            } else {
                message((ObjectNode) item, index);
            }
            index++;
        }
        boolean incomplete = "incomplete".equals(response.path("status").asText());
        send(event(incomplete ? "response.incomplete" : "response.completed").set("response", response));
    }

    private void fileSearchCall(ObjectNode item, int index) throws IOException {
        String itemId = item.path("id").asText();
        ObjectNode openItem = item.deepCopy().put("status", "in_progress");
        openItem.putArray("queries");
        openItem.putNull("results");
        send(event("response.output_item.added").put("output_index", index).set("item", openItem));
        // real names; beta.16 expects "response.file_search_call.in.progress" for the first (an SDK typo, docs/azure-facts.md §1.4)
        for (String phase : List.of("in_progress", "searching", "completed")) {
            send(event("response.file_search_call." + phase).put("item_id", itemId).put("output_index", index));
        }
        send(event("response.output_item.done").put("output_index", index).set("item", item));
    }

    private void message(ObjectNode message, int index) throws IOException {
        String itemId = message.path("id").asText();
        JsonNode content = message.path("content").path(0);
        String text = content.path("text").asText();
        ObjectNode openItem = message.deepCopy().put("status", "in_progress");
        openItem.putArray("content");
        send(event("response.output_item.added").put("output_index", index).set("item", openItem));
        send(part("response.content_part.added", itemId, index).set("part", ResponseJson.outputText("")));
        for (String delta : deltas(text)) {
            awaitNextToken();
            send(part("response.output_text.delta", itemId, index).put("delta", delta));
        }
        int annotationIndex = 0;
        for (JsonNode annotation : content.path("annotations")) {
            send(part("response.output_text.annotation.added", itemId, index)
                    .put("annotation_index", annotationIndex++).set("annotation", annotation));
        }
        send(part("response.output_text.done", itemId, index).put("text", text));
        send(part("response.content_part.done", itemId, index).set("part", content));
        send(event("response.output_item.done").put("output_index", index).set("item", message));
    }

    /** Word by word, each word with the whitespace before it, so the deltas concatenate to exactly the text. */
    static List<String> deltas(String text) {
        return text.isEmpty() ? List.of("") : Arrays.asList(text.split("(?<=\\S)(?=\\s)"));
    }

    /** Waits until the model would have produced the next token: the first after firstTokenMs, then perTokenMs each. */
    private void awaitNextToken() throws IOException {
        Duration wait = deltaSent ? pace.perToken()
                : pace.firstToken().minusNanos(System.nanoTime() - startNanos);
        deltaSent = true;
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the lab stopped while a stream was being paced");
        }
    }

    private ObjectNode event(String type) {
        return LabJson.object().put("type", type).put("sequence_number", sequence++);
    }

    /** An event about the one content part of the output item at {@code index}. */
    private ObjectNode part(String type, String itemId, int index) {
        return event(type).put("item_id", itemId).put("output_index", index).put("content_index", 0);
    }

    private void send(ObjectNode event) throws IOException {
        sse.event(event.path("type").asText(), event);
    }
}
