package io.aoailab.lab.apim.policy;

import java.net.URI;

/** Where {@code forward-request} sends the request, as {@code set-backend-service} last set it. */
public sealed interface BackendTarget {

    /** {@code backend-id}: a single backend or a pool; the gateway picks a pool member per forward. */
    record ById(String backendId) implements BackendTarget {
    }

    /** {@code base-url}: the API suffix is appended to it. */
    record ByUrl(URI baseUrl) implements BackendTarget {
    }
}
