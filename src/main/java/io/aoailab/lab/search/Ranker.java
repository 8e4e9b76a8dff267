package io.aoailab.lab.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lab's full-text engine: simple-syntax keyword search with BM25 scoring, deterministic to the last bit.
 *
 * <p><b>Analysis.</b> Text is lower-cased ({@link Locale#ROOT}) and split on every character that is neither a letter
 * nor a digit, roughly what Search's default {@code standard.lucene} analyzer does to plain prose (it has no stop words
 * by default). Query text is analysed the same way, so matching is case-insensitive; the simple syntax's operators
 * ({@code + - | " * ( )}) are treated as separators, so a phrase matches as its terms and {@code ship*} as {@code ship}
 * (a simplification). An empty query or {@code *} matches every document with score 1.0, as Search scores it.
 *
 * <p><b>Scoring</b> is Lucene's BM25, which Search uses by default ({@code BM25Similarity} with {@code k1}/{@code b}
 * left null in py-recordings' index definitions; defaults 1.2 and 0.75 per learn.microsoft.com/azure/search/
 * index-ranking-similarity, PRIMARY, which also scopes scoring to {@code searchFields}, else every searchable field),
 * summed over the searched fields and the distinct query terms:
 * <pre>
 *   score(d) = Σ_field Σ_term  idf(term, field) · tf · (k1 + 1) / (tf + k1 · (1 − b + b · len / avgLen))
 *   idf(term, field) = ln(1 + (N − n + 0.5) / (n + 0.5))
 * </pre>
 * where {@code tf} is the term's count in the document's field, {@code len} the field's token count, {@code avgLen}
 * the mean token count of that field over the documents that have it, {@code N} the number of documents in the index
 * and {@code n} the number whose field contains the term. Statistics are over the whole index, before any filter, as in
 * Search. Unlike Lucene, field lengths are exact (Lucene stores them lossily), so scores differ from Azure's in the
 * later digits; the ordering principle is the same. Ties are broken by key (ordinal), which Search leaves undefined.
 */
final class Ranker {
    static final double K1 = 1.2;
    static final double B = 0.75;

    private Ranker() {
    }

    /**
     * @param key the key field, for ordering ties
     * @param fields the fields searched
     * @param requireAll {@code searchMode=all}: every term must match (in some field); otherwise any term
     * @param filter which documents may be returned (statistics still count every document)
     */
    static List<Scored> rank(List<Map<String, String>> documents, String key, List<String> fields, String search,
            boolean requireAll, Predicate<Map<String, String>> filter) {
        List<Scored> hits = new ArrayList<>();
        String trimmed = search == null ? "" : search.trim();
        if (trimmed.isEmpty() || trimmed.equals("*")) {
            documents.stream().filter(filter).forEach(d -> hits.add(new Scored(d, d.get(key), 1.0)));
            hits.sort(ORDER);
            return hits;
        }
        Set<String> terms = new LinkedHashSet<>(tokens(trimmed));
        if (terms.isEmpty()) {
            return hits;
        }
        Map<String, FieldStats> stats = new HashMap<>();
        for (String field : fields) {
            stats.put(field, FieldStats.of(documents, field));
        }
        int total = documents.size();
        for (Map<String, String> document : documents) {
            double score = 0;
            Set<String> matched = new LinkedHashSet<>();
            for (String field : fields) {
                FieldStats fieldStats = stats.get(field);
                List<String> tokens = tokens(document.get(field));
                for (String term : terms) {
                    int tf = count(tokens, term);
                    if (tf == 0) {
                        continue;
                    }
                    matched.add(term);
                    int n = fieldStats.documentFrequency(term);
                    double idf = Math.log(1 + (total - n + 0.5) / (n + 0.5));
                    double norm = K1 * (1 - B + B * tokens.size() / fieldStats.averageLength());
                    score += idf * tf * (K1 + 1) / (tf + norm);
                }
            }
            boolean matches = requireAll ? matched.size() == terms.size() : !matched.isEmpty();
            if (matches && filter.test(document)) {
                hits.add(new Scored(document, document.get(key), score));
            }
        }
        hits.sort(ORDER);
        return hits;
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static int count(List<String> tokens, String term) {
        int count = 0;
        for (String token : tokens) {
            if (token.equals(term)) {
                count++;
            }
        }
        return count;
    }

    private static final Comparator<Scored> ORDER = Comparator.comparingDouble(Scored::score).reversed()
            .thenComparing(Scored::key, Comparator.nullsLast(Comparator.naturalOrder()));

    /** A matching document and its score. */
    record Scored(Map<String, String> document, String key, double score) {
    }

    private record FieldStats(Map<String, Integer> documentFrequency, double averageLength) {
        static FieldStats of(List<Map<String, String>> documents, String field) {
            Map<String, Integer> frequency = new HashMap<>();
            long length = 0;
            int withField = 0;
            for (Map<String, String> document : documents) {
                String value = document.get(field);
                if (value == null) {
                    continue;
                }
                withField++;
                List<String> tokens = tokens(value);
                length += tokens.size();
                new LinkedHashSet<>(tokens).forEach(t -> frequency.merge(t, 1, Integer::sum));
            }
            double average = withField == 0 || length == 0 ? 1 : (double) length / withField;
            return new FieldStats(frequency, average);
        }

        int documentFrequency(String term) {
            return documentFrequency.getOrDefault(term, 0);
        }
    }
}
