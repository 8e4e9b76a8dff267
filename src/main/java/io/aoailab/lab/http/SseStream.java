package io.aoailab.lab.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent-event stream in the shape Azure OpenAI sends and azure-ai-openai beta.16 requires: the
 * {@code event:} line first, then the whole JSON on one {@code data:} line, then a blank line
 * (docs/azure-facts.md §0.4, §1.4). Each event is flushed as it is written.
 */
public final class SseStream implements AutoCloseable {
    private final OutputStream out;

    SseStream(OutputStream out) {
        this.out = out;
    }

    public void event(String name, Object json) throws IOException {
        String frame = "event: " + name + "\ndata: " + LabJson.string(json) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
