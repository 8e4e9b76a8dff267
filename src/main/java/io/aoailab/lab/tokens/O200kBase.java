package io.aoailab.lab.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.concurrent.CompletableFuture;

/**
 * The one o200k_base encoder of the lab (the GPT-4o family's tokenizer), shared by the accounts' usage and the
 * gateway's token policies. Text is encoded as ordinary text, so a caller's {@code <|endoftext|>} counts as the
 * characters it is and never fails a request.
 *
 * <p>Loading the 200k-entry vocabulary takes about 0.5 s in a fresh JVM, so it is loaded once, on a background
 * thread started when this class is first used (the first account or policy the lab builds), while the lab finishes
 * starting; the first count waits for it if it has to. The encoder is immutable and thread-safe, so one instance
 * serves every lab in the JVM.
 */
public final class O200kBase {
    private static final CompletableFuture<Encoding> ENCODING = CompletableFuture.supplyAsync(
            () -> Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));

    private O200kBase() {
    }

    /** Starts loading the vocabulary now, if it has not started yet. */
    public static void preload() {
        // referencing the class started the load
    }

    /** The number of tokens of {@code text}; 0 for null or empty. */
    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding().countTokensOrdinary(text);
    }

    /** The longest prefix of {@code text} within {@code maxTokens} tokens; the text itself if it fits. */
    public static String truncate(String text, int maxTokens) {
        EncodingResult result = encoding().encodeOrdinary(text, maxTokens);
        return result.isTruncated() ? encoding().decode(result.getTokens()) : text;
    }

    private static Encoding encoding() {
        return ENCODING.join();
    }
}
