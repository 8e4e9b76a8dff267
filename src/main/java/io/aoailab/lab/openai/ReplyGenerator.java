package io.aoailab.lab.openai;

/**
 * The lab's "model": a short, deterministic answer (about 15 tokens plus the quote, at most 80 characters of the
 * input) that says which deployment answered, where, at which turn of a
 * chained conversation, and quotes the caller's last input. The same request to the same account always gets the
 * same text, so tests can assert on it, and a reader of a load-balancing log can see which region served a call.
 */
final class ReplyGenerator {
    static final int MAX_QUOTE_CHARS = 80;

    private final String region;

    ReplyGenerator(String region) {
        this.region = region;
    }

    /**
     * @param deployment the deployment name the caller sent as {@code model}
     * @param model the model behind it
     * @param turn 1 for a fresh conversation, n+1 when chained onto a response of turn n
     * @param lastInput the text of the last user input, or empty
     */
    String reply(String deployment, String model, int turn, String lastInput) {
        String said = lastInput.isBlank() ? "You sent no text." : "You said: \"" + quote(lastInput) + "\"";
        // short on purpose: suites keep max_output_tokens low to keep live runs cheap, and a reply that
        // routinely overflowed it would make every lab response "incomplete"
        return header(deployment, turn) + " " + said;
    }

    /** Which deployment answered where, at which turn: the start of every reply, grounded or not. */
    String header(String deployment, int turn) {
        return deployment + " in " + region + ", turn " + turn + ".";
    }

    private static String quote(String input) {
        String flat = input.strip().replaceAll("\\s+", " ");
        return flat.codePointCount(0, flat.length()) <= MAX_QUOTE_CHARS ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, MAX_QUOTE_CHARS)) + "...";
    }
}
