package io.aoailab.lab.search;

/** A request Search refuses before serving it, with the answer to send. */
final class InvalidRequest extends Exception {
    private final transient ErrorReply reply;

    InvalidRequest(ErrorReply reply) {
        super(reply.bodyText(), null, false, false);
        this.reply = reply;
    }

    ErrorReply reply() {
        return reply;
    }
}
