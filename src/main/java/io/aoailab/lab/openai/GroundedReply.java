package io.aoailab.lab.openai;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab model's answer when {@code file_search} ran: deterministic, derived from the top result only, so tests can
 * assert on it. It says which deployment answered where (as {@link ReplyGenerator} does), quotes the first sentence
 * of the top file and names the file; a {@code file_citation} annotation then points at the end of the quote.
 *
 * @param text the answer
 * @param citationIndex where the citation sits in {@code text} (a UTF-16 index, the end of the quote), or -1 when
 *     nothing was found and nothing is cited
 */
record GroundedReply(String text, int citationIndex) {
    static final int MAX_SENTENCE_CHARS = 200;
    private static final Pattern SENTENCE = Pattern.compile("^(.*?[.!?])(?:\\s|$)", Pattern.DOTALL);

    /**
     * @param header the ungrounded reply's "deployment in region, turn n." prefix
     * @param retrieval what file_search found
     */
    static GroundedReply of(String header, Retrieval retrieval) {
        if (retrieval.results().isEmpty()) {
            return new GroundedReply(header + " The vector store has nothing on that.", -1);
        }
        Retrieval.Result top = retrieval.results().get(0);
        String quoted = header + " According to " + top.filename() + ": \"" + firstSentence(top.text()) + "\"";
        return new GroundedReply(quoted, quoted.length());
    }

    /** The first sentence of the text, Markdown headings skipped, whitespace folded; at most 200 characters. */
    static String firstSentence(String text) {
        StringBuilder prose = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                prose.append(prose.isEmpty() ? "" : " ").append(line.strip());
            }
        }
        String flat = prose.toString().replaceAll("\\s+", " ");
        Matcher sentence = SENTENCE.matcher(flat);
        String first = sentence.find() ? sentence.group(1) : flat;
        return first.length() <= MAX_SENTENCE_CHARS ? first : first.substring(0, MAX_SENTENCE_CHARS) + "...";
    }
}
