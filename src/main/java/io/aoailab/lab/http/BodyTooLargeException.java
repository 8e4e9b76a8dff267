package io.aoailab.lab.http;

/** The request body is larger than the service accepts; each service answers it in its own shape. */
public final class BodyTooLargeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long limit;

    BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
