package io.aoailab.lab.openai;

import java.util.List;

/**
 * A request's {@code {"type":"file_search","vector_store_ids":[…],"max_num_results":N}} tool (docs/azure-facts.md §1.2; field
 * names as beta.16's {@code ResponsesFileSearchTool} writes them, VERIFIED-LOCAL by javap). {@code ranking_options}
 * and {@code filters} are echoed with the tool but not applied.
 *
 * @param vectorStoreIds the stores to search, in the order sent
 * @param maxNumResults the caller's cap on results, or null for the lab's default
 */
record FileSearchTool(List<String> vectorStoreIds, Integer maxNumResults) {
    /** OpenAI: "max_num_results … between 1 and 50 inclusive" [PRIMARY OpenAI tool reference]. */
    static final int MAX_RESULTS_LIMIT = 50;
    /** The lab's default top (OpenAI's own default is larger; three keeps lab answers and usage small). */
    static final int DEFAULT_RESULTS = 3;

    FileSearchTool {
        vectorStoreIds = List.copyOf(vectorStoreIds);
    }

    int top() {
        return maxNumResults == null ? DEFAULT_RESULTS : maxNumResults;
    }
}
