package io.aoailab.lab.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Counts tokens as the GPT-4o family does: o200k_base. Text is encoded as ordinary text, so a caller's
 * {@code <|endoftext|>} counts as the characters it is and never fails the request.
 *
 * <p>Only text is counted: the lab adds none of the per-message framing tokens a real model adds, so its usage is
 * exactly jtokkit's count of the texts involved.
 */
final class TokenCounter {
    // Loading o200k_base's 200k-entry vocabulary takes ~0.5 s in a fresh JVM: start it when the first account is
    // built and let the lab finish starting meanwhile; the first count waits for it if it has to.
    private static final CompletableFuture<Encoding> O200K = CompletableFuture.supplyAsync(
            () -> Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));

    private static Encoding o200k() {
        return O200K.join();
    }

    int count(String text) {
        return text == null || text.isEmpty() ? 0 : o200k().countTokensOrdinary(text);
    }

    int count(Collection<String> texts) {
        return texts.stream().mapToInt(this::count).sum();
    }

    /** The longest prefix of {@code text} within {@code maxTokens} tokens; the text itself if it fits. */
    String truncate(String text, int maxTokens) {
        EncodingResult result = o200k().encodeOrdinary(text, maxTokens);
        return result.isTruncated() ? o200k().decode(result.getTokens()) : text;
    }
}
