package io.aoailab.testing;

import java.nio.charset.StandardCharsets;
import okhttp3.Headers;

/**
 * What a raw call to a lab service got back: status, headers and the body as sent. The body is kept as bytes because
 * some services' bodies start with a UTF-8 byte-order mark (Storage's XML, Search's {@code $count}) that tests check.
 */
public record Answer(int status, Headers headers, byte[] bytes) {

    /** The body as UTF-8 text, byte-order mark included. */
    public String body() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
