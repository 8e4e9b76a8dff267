package io.aoailab.access;

import java.util.List;
import java.util.Optional;

/**
 * A Responses API response as the scenarios read it, whatever client received it.
 *
 * @param id the response's id ({@code resp_...})
 * @param status its status, e.g. {@code completed}
 * @param model the model that answered, as the response names it (possibly with its version date)
 * @param text the text of its assistant messages, joined
 * @param usage its token usage, when it reported one
 * @param previousResponseId the response it continues, if any
 * @param outputTypes the types of its output items in order, e.g. {@code file_search_call}, {@code message}
 * @param citations how many annotations (citations) its text carries
 */
public record Reply(String id, String status, String model, String text, Optional<TokenUsage> usage,
        Optional<String> previousResponseId, List<String> outputTypes, int citations) {

    public Reply {
        outputTypes = List.copyOf(outputTypes);
    }
}
