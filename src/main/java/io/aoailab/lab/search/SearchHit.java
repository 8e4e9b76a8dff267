package io.aoailab.lab.search;

import java.util.Map;

/**
 * One result of {@link SearchService#search(String, String, int)}.
 *
 * @param key the document's key
 * @param score its BM25 score, as {@code @search.score} carries it on the wire
 * @param document the document's fields that have a value, the key included
 */
public record SearchHit(String key, double score, Map<String, String> document) {

    public SearchHit {
        document = Map.copyOf(document);
    }
}
