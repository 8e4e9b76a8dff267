package io.aoailab.lab.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the blob service answers with, in Storage's one XML envelope:
 * {@code <?xml version="1.0" encoding="utf-8"?><Error><Code>…</Code><Message>…\nRequestId:…\nTime:…</Message>…details…
 * </Error>}, preceded by a UTF-8 byte-order mark and mirrored in the {@code x-ms-error-code} header (see
 * {@link StorageErrors} for each body's source). The request id and time are added when answering, as Storage
 * stamps them per request.
 *
 * @param status the HTTP status
 * @param code the error code, e.g. {@code AuthorizationPermissionMismatch}
 * @param message the message, without the {@code RequestId}/{@code Time} lines
 * @param details the elements after {@code <Message>}, in order, e.g. {@code HeaderName → x-ms-blob-type}
 * @param headers extra answer headers, e.g. {@code WWW-Authenticate}
 * @param front who answers: the authentication front end or the blob service itself (they differ in headers)
 */
record StorageError(int status, String code, String message, Map<String, String> details, Map<String, String> headers,
        Front front) {

    StorageError {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        headers = Map.copyOf(headers);
    }

    StorageError(int status, String code, String message) {
        this(status, code, message, Map.of(), Map.of(), Front.BLOB_SERVICE);
    }

    StorageError withDetail(String element, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(element, value);
        return new StorageError(status, code, message, more, headers, front);
    }

    /**
     * Which part of Storage answers. The captures differ by it: authentication failures come from the HTTP front end
     * ({@code Server: Microsoft-HTTPAPI/2.0}, no {@code x-ms-version}); everything after authentication comes from
     * the blob service ({@code Server: Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0}, {@code x-ms-version} echoed).
     */
    enum Front {
        /** 401 NoAuthenticationInformation / InvalidAuthenticationInfo. */
        AUTHENTICATION,
        /** Everything after the caller is known, and faults. */
        BLOB_SERVICE,
        /**
         * A Bearer request with no {@code x-ms-version}: Storage answers as its oldest version, which predates
         * {@code x-ms-error-code} — the capture has no such header (see {@link StorageErrors#bearerNeedsVersion()}).
         */
        VERSIONLESS
    }
}
