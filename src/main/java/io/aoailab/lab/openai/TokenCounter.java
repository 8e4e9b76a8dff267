package io.aoailab.lab.openai;

import io.aoailab.lab.tokens.O200kBase;
import java.util.Collection;

/**
 * Counts tokens as the GPT-4o family does: o200k_base, the lab's one shared encoder ({@link O200kBase}).
 *
 * <p>Only text is counted: the lab adds none of the per-message framing tokens a real model adds, so its usage is
 * exactly jtokkit's count of the texts involved.
 */
final class TokenCounter {

    TokenCounter() {
        // an account is built while the lab starts: let the vocabulary load meanwhile
        O200kBase.preload();
    }

    int count(String text) {
        return O200kBase.count(text);
    }

    int count(Collection<String> texts) {
        return texts.stream().mapToInt(this::count).sum();
    }

    /** The longest prefix of {@code text} within {@code maxTokens} tokens; the text itself if it fits. */
    String truncate(String text, int maxTokens) {
        return O200kBase.truncate(text, maxTokens);
    }
}
