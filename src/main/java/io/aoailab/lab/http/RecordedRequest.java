package io.aoailab.lab.http;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a lab host saw of one request, for diagnostics and for tests that check what reached a backend. Holds no
 * secret: header names only, and of a bearer token only its identifying claims (not the token).
 *
 * <p>Every request a host received is recorded, those an injected fault answered too: a throttle's 429, a server
 * error's 5xx, a late answer with the status it finally got, and a dropped connection as {@link #DROPPED}. So
 * counting the requests that reached a region in a window is counting these by {@code at}.
 *
 * @param at when it arrived, by the lab's clock (a late answer leaves later, but arrived then)
 * @param method the HTTP method
 * @param path the path
 * @param headerNames the request's header names, lower case
 * @param bearerClaims {@code oid}, {@code appid}, {@code aud} of an {@code Authorization: Bearer} JWT, read without
 *                     verifying it (the service verifies); empty without one
 * @param status the status answered, or {@link #DROPPED} when the connection was closed without an answer
 */
public record RecordedRequest(Instant at, String method, String path, Set<String> headerNames,
        Map<String, String> bearerClaims, int status) {

    /** The status of a request whose connection was dropped without an answer: no HTTP status is 0. */
    public static final int DROPPED = 0;

    public RecordedRequest {
        headerNames = Set.copyOf(headerNames);
        bearerClaims = Map.copyOf(bearerClaims);
    }

    /** Whether the connection was closed without an answer. */
    public boolean dropped() {
        return status == DROPPED;
    }

    public boolean hasHeader(String name) {
        return headerNames.contains(name.toLowerCase(java.util.Locale.ROOT));
    }
}
