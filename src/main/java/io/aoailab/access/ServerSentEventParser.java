package io.aoailab.access;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Splits a server-sent-event byte stream into events as the bytes arrive, in whatever chunks they come, following
 * the HTML event-stream rules: lines end in LF, CRLF or CR; {@code :} starts a comment; several {@code data:} lines
 * join with LF; a blank line dispatches the event, and an event the stream ends without dispatching is dropped.
 * Lines are split on bytes, because CR and LF never occur inside a multi-byte UTF-8 character, and decoded whole,
 * so a character split across two chunks is decoded correctly. Not thread-safe: one stream, one reader.
 */
final class ServerSentEventParser {
    private final BiConsumer<String, String> onEvent;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean afterCr;
    private boolean firstLine = true;
    private boolean hasData;
    private String eventName = "";

    /** @param onEvent receives each event's name (empty when it had no {@code event:} line) and data */
    ServerSentEventParser(BiConsumer<String, String> onEvent) {
        this.onEvent = onEvent;
    }

    void accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            boolean lf = b == '\n';
            if (lf && afterCr) {
                afterCr = false; // the LF of a CRLF whose CR ended the line
                continue;
            }
            afterCr = b == '\r';
            if (lf || afterCr) {
                line(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private void line(String text) {
        if (firstLine) {
            firstLine = false;
            text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(value(text, colon));
        if (field.equals("event")) {
            eventName = value;
        } else if (field.equals("data")) {
            data.append(hasData ? "\n" : "").append(value);
            hasData = true;
        }
    }

    // one space after the colon belongs to the syntax, not to the value
    private static int value(String text, int colon) {
        return colon + 1 < text.length() && text.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
    }

    private void dispatch() {
        if (hasData) {
            onEvent.accept(eventName, data.toString());
        }
        data.setLength(0);
        hasData = false;
        eventName = "";
    }
}
