package io.aoailab.access;

import java.nio.charset.StandardCharsets;

/** Responses API bodies as they come over the wire (docs/azure-facts.md §1.3, §1.4), in the shapes beta.16 reads. */
final class ResponsesWire {
    static final String USAGE = "{\"input_tokens\":1,\"output_tokens\":1,"
            + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":2}";
    static final String RESPONSE = response("completed", USAGE);

    private ResponsesWire() {
    }

    static String response(String status, String usage) {
        return "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1741369938,"
                + "\"status\":\"" + status + "\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,"
                + "\"max_output_tokens\":null,\"model\":\"gpt-4o-2024-08-06\",\"output\":[],\"parallel_tool_calls\":true,"
                + "\"previous_response_id\":null,\"reasoning\":null,\"temperature\":1.0,\"text\":null,"
                + "\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":" + usage
                + ",\"user\":null,\"metadata\":{}}";
    }

    /** One event: the {@code event:} line, then its JSON on one {@code data:} line, then a blank line. */
    static String event(String type, long sequenceNumber, String fields) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + sequenceNumber
                + (fields.isEmpty() ? "" : "," + fields) + "}\n\n";
    }

    /** A two-word text reply: seven events, the last {@code response.completed} with 11 input and 3 output tokens. */
    static String textReply() {
        String delta = "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":";
        return event("response.created", 0, "\"response\":" + response("in_progress", "null"))
                + event("response.in_progress", 1, "\"response\":" + response("in_progress", "null"))
                + event("response.output_text.delta", 2, delta + "\"Hello\"")
                + event("response.output_text.delta", 3, delta + "\" th\u00e9re\"")
                + event("response.output_text.done", 4,
                        "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"text\":\"Hello th\u00e9re\"")
                + event("response.in_progress", 5, "\"response\":" + response("in_progress", "null"))
                + event("response.completed", 6, "\"response\":" + response("completed",
                        "{\"input_tokens\":11,\"output_tokens\":3,\"total_tokens\":14}"));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
