package io.aoailab.lab.search;

import com.sun.net.httpserver.Headers;
import io.aoailab.lab.http.LabExchange;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The headers Search puts on its answers, as the Python SDK team's recordings of the real service show them
 * (Azure/azure-sdk-for-python {@code sdk/search/azure-search-documents/tests/recordings}, e.g.
 * {@code test_search_client_basic_live.pyTestSearchClienttest_get_document_count.json}, OBSERVED):
 * <ul>
 *   <li>on every answer, the document 404 without a body included: {@code request-id}, {@code elapsed-time} (ms),
 *       {@code Cache-Control: no-cache}, {@code Pragma: no-cache}, {@code Expires: -1},
 *       {@code Strict-Transport-Security: max-age=15724800; includeSubDomains};</li>
 *   <li>on answers with an OData payload (JSON results, the {@code $count} text): {@code OData-Version: 4.0} and
 *       {@code Preference-Applied: odata.include-annotations="*"}.</li>
 * </ul>
 * {@code request-id} is the caller's {@code x-ms-client-request-id} when it sent one (every recording shows them equal),
 * a fresh GUID otherwise (the markdown tutorial's capture, sent without one).
 */
final class AnswerHeaders {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}");

    private AnswerHeaders() {
    }

    static void common(LabExchange exchange) {
        Headers headers = exchange.responseHeaders();
        String requestId = exchange.header("x-ms-client-request-id").filter(id -> GUID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        headers.set("request-id", requestId);
        headers.set("Cache-Control", "no-cache");
        headers.set("Pragma", "no-cache");
        headers.set("Expires", "-1");
        headers.set("Strict-Transport-Security", "max-age=15724800; includeSubDomains");
    }

    static void odata(LabExchange exchange) {
        exchange.responseHeaders().set("OData-Version", "4.0");
        exchange.responseHeaders().set("Preference-Applied", "odata.include-annotations=\"*\"");
    }

    /** Set last, just before the answer leaves: the milliseconds the lab spent on the request. */
    static void elapsed(LabExchange exchange, long startNanos) {
        long millis = Math.max(0, (System.nanoTime() - startNanos) / 1_000_000);
        exchange.responseHeaders().set("elapsed-time", Long.toString(millis));
    }
}
