package io.aoailab.lab.openai;

/** A request the account refuses with a 400 before doing anything; carries the exact answer. */
final class InvalidRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ErrorAnswer answer;

    InvalidRequestException(ErrorAnswer answer) {
        super(answer.bodyText());
        this.answer = answer;
    }

    ErrorAnswer answer() {
        return answer;
    }
}
