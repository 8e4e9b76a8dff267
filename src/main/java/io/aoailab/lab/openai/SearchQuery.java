package io.aoailab.lab.openai;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lab model's search query for {@code file_search}: the keywords of the last user input, each with its plural.
 * The real model writes its own queries rather than searching with the raw input (the {@code file_search_call}'s
 * {@code queries} are "the queries used to search for files", model-written [PRIMARY OpenAI reference]); the lab's
 * deterministic stand-in matters because the index is keyword-searched without stemming (lab {@code Ranker}, like
 * Search's {@code standard.lucene}): the raw "How long do I have to return an item?" matches only "to" and ranks the
 * shorter shipping document first, while "return returns item items long longs" finds the returns policy.
 */
final class SearchQuery {
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "about", "an", "and", "are", "as", "at", "be", "by",
            "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "is", "it",
            "me", "my", "of", "on", "or", "our", "should", "that", "the", "this", "to", "was", "we", "were", "what",
            "when", "where", "which", "who", "why", "will", "with", "would", "you", "your");

    private SearchQuery() {
    }

    /** The query for {@code input}; the input itself when it has no keywords (so it is never blank by accident). */
    static String of(String input) {
        Set<String> terms = new LinkedHashSet<>();
        for (String word : input.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty() || FUNCTION_WORDS.contains(word)) {
                continue;
            }
            terms.add(word);
            if (!word.endsWith("s") && word.chars().allMatch(Character::isLetter)) {
                terms.add(word + "s");
            }
        }
        return terms.isEmpty() ? input.strip() : String.join(" ", terms);
    }
}
