package io.aoailab.lab.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Collection;

/**
 * Counts tokens as the GPT-4o family does: o200k_base. Text is encoded as ordinary text, so a caller's
 * {@code <|endoftext|>} counts as the characters it is and never fails the request.
 *
 * <p>Only text is counted: the lab adds none of the per-message framing tokens a real model adds, so its usage is
 * exactly jtokkit's count of the texts involved.
 */
final class TokenCounter {
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    int count(String text) {
        return text == null || text.isEmpty() ? 0 : O200K.countTokensOrdinary(text);
    }

    int count(Collection<String> texts) {
        return texts.stream().mapToInt(this::count).sum();
    }

    /** The longest prefix of {@code text} within {@code maxTokens} tokens; the text itself if it fits. */
    String truncate(String text, int maxTokens) {
        EncodingResult result = O200K.encodeOrdinary(text, maxTokens);
        return result.isTruncated() ? O200K.decode(result.getTokens()) : text;
    }
}
