package io.aoailab.lab.http;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a lab host saw of one request, for diagnostics and for tests that check what reached a backend. Holds no
 * secret: header names only, and of a bearer token only its identifying claims (not the token).
 *
 * @param at when it arrived
 * @param method the HTTP method
 * @param path the path
 * @param headerNames the request's header names, lower case
 * @param bearerClaims {@code oid}, {@code appid}, {@code aud} of an {@code Authorization: Bearer} JWT, read without
 *                     verifying it (the service verifies); empty without one
 * @param status the status answered
 */
public record RecordedRequest(Instant at, String method, String path, Set<String> headerNames,
        Map<String, String> bearerClaims, int status) {

    public RecordedRequest {
        headerNames = Set.copyOf(headerNames);
        bearerClaims = Map.copyOf(bearerClaims);
    }

    public boolean hasHeader(String name) {
        return headerNames.contains(name.toLowerCase(java.util.Locale.ROOT));
    }
}
