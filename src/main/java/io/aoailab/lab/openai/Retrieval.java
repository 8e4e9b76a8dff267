package io.aoailab.lab.openai;

import java.util.List;

/**
 * What one {@code file_search} call found: the query it ran and the files, best first.
 *
 * @param callId the {@code file_search_call} item's id
 * @param query the search text (the last user input)
 * @param results the files found, best first; empty when nothing matched
 */
record Retrieval(String callId, String query, List<Result> results) {

    Retrieval {
        results = List.copyOf(results);
    }

    /**
     * One file found, with the fields of a {@code file_search_call} result (beta.16
     * {@code ResponsesFileSearchCallItemResult}: {@code file_id}, {@code filename}, {@code score}, {@code text}).
     *
     * @param text what the model reads of it: the blob's text for the top hit, the index's {@code content} for others
     */
    record Result(String fileId, String filename, double score, String text) {
    }
}
