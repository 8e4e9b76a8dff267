package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A create request after validation (docs/azure-facts.md §1.2). Input is normalised to message items, the shape the account stores
 * and lists as input items (§1.3): a string input becomes one user message with one {@code input_text} part.
 *
 * @param model the deployment name
 * @param inputItems the input as items, without ids (the account assigns them)
 * @param instructions the system-level instructions, or null
 * @param previousResponseId the response this one continues, or null
 * @param maxOutputTokens the caller's cap on output tokens, or null
 * @param store whether to keep the response (default true)
 * @param stream whether to answer as server-sent events
 * @param temperature echoed, default 1.0
 * @param topP echoed, default 1.0
 * @param parallelToolCalls echoed, default true
 * @param tools echoed as sent, default []
 * @param toolChoice echoed, default "auto"
 * @param metadata echoed, default {}
 * @param user echoed, or null
 * @param truncation echoed, default "disabled"
 * @param text echoed, default {"format":{"type":"text"}}
 * @param reasoning echoed, or null
 * @param fileSearch the {@code file_search} tool among {@code tools}, or null
 * @param include what the caller asked to include, e.g. {@code file_search_call.results}; default none
 */
record CreateRequest(
        String model,
        List<ObjectNode> inputItems,
        String instructions,
        String previousResponseId,
        Integer maxOutputTokens,
        boolean store,
        boolean stream,
        double temperature,
        double topP,
        boolean parallelToolCalls,
        JsonNode tools,
        JsonNode toolChoice,
        JsonNode metadata,
        String user,
        String truncation,
        JsonNode text,
        JsonNode reasoning,
        FileSearchTool fileSearch,
        List<String> include) {

    /**
     * The include values that ask for a file_search_call's results: the name OpenAI documents, and the older
     * {@code output[*].file_search_call.search_results} the Azure docs list (docs/azure-facts.md §1.2).
     */
    private static final List<String> FILE_SEARCH_RESULTS = List.of("file_search_call.results",
            "output[*].file_search_call.search_results");

    CreateRequest {
        inputItems = List.copyOf(inputItems);
        include = include == null ? List.of() : List.copyOf(include);
    }

    boolean includesFileSearchResults() {
        return include.stream().anyMatch(FILE_SEARCH_RESULTS::contains);
    }

    /** Every text the input carries, in order: what counts as input tokens besides instructions and context. */
    List<String> inputTexts() {
        List<String> texts = new ArrayList<>();
        inputItems.forEach(item -> texts.addAll(texts(item)));
        return texts;
    }

    /** The text of the last user message, or empty: what the reply quotes. */
    String lastUserText() {
        for (int i = inputItems.size() - 1; i >= 0; i--) {
            ObjectNode item = inputItems.get(i);
            if ("user".equals(item.path("role").asText())) {
                return String.join(" ", texts(item));
            }
        }
        return "";
    }

    private static List<String> texts(ObjectNode item) {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : item.path("content")) {
            if (part.path("text").isTextual()) {
                texts.add(part.path("text").asText());
            }
        }
        return texts;
    }
}
