package io.aoailab.lab.openai;

/** A {@code file_search} the account refuses (401, 404 or 400); carries the exact answer. */
final class FileSearchRefused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ErrorAnswer answer;

    FileSearchRefused(ErrorAnswer answer) {
        super(answer.bodyText());
        this.answer = answer;
    }

    ErrorAnswer answer() {
        return answer;
    }
}
