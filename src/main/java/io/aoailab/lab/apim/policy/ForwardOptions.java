package io.aoailab.lab.apim.policy;

import java.time.Duration;

/**
 * The attributes of {@code forward-request} (docs/apim-gateway.md §2.3).
 *
 * @param timeout {@code timeout}/{@code timeout-ms}; default 300 s
 * @param bufferRequestBody whether the body is kept for a retry; without it a retried POST has no body
 * @param failOnErrorStatusCode whether 400-599 answers go to on-error
 * @param bufferResponse how the answer's chunks are passed on: in 8 KB blocks or at the end of the stream
 *     ({@code true}, the default), or each at once ({@code false}, what server-sent events need)
 */
public record ForwardOptions(Duration timeout, boolean bufferRequestBody, boolean failOnErrorStatusCode,
        boolean bufferResponse) {
}
