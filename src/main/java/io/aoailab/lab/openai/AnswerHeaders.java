package io.aoailab.lab.openai;

import com.sun.net.httpserver.Headers;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.openai.RateLimiter.Decision;
import io.aoailab.lab.topology.Topology.Deployment;
import java.util.UUID;

/** The headers Azure OpenAI puts on its answers (docs/azure-facts.md §2). */
final class AnswerHeaders {
    private AnswerHeaders() {
    }

    /**
     * On every answer, errors included: {@code x-ms-region} as the region's display name (docs/azure-facts.md §0.7),
     * {@code apim-request-id} (the one header the v1 spec declares), {@code x-request-id}, and
     * {@code x-ms-client-request-id} — the caller's, or the apim-request-id when it sent none, as captured.
     */
    static void common(LabExchange exchange, String region) {
        Headers headers = exchange.responseHeaders();
        String apimRequestId = UUID.randomUUID().toString();
        headers.set("x-ms-region", region);
        headers.set("apim-request-id", apimRequestId);
        headers.set("x-request-id", exchange.requestId());
        headers.set("x-ms-client-request-id", exchange.header("x-ms-client-request-id").orElse(apimRequestId));
        headers.set("x-content-type-options", "nosniff");
    }

    /** On create answers once the deployment is known: which one served it (docs/azure-facts.md §2, spillover note). */
    static void deployment(LabExchange exchange, Deployment deployment) {
        exchange.responseHeaders().set("x-ms-deployment-name", deployment.name());
    }

    /** On create answers that reached the rate limiter, 429s included: the deployment's limits and what is left. */
    static void rateLimits(LabExchange exchange, Deployment deployment, Decision decision) {
        Headers headers = exchange.responseHeaders();
        headers.set("x-ratelimit-limit-requests", Integer.toString(deployment.requestsPerMinute()));
        headers.set("x-ratelimit-limit-tokens", Integer.toString(deployment.tokensPerMinute()));
        headers.set("x-ratelimit-remaining-requests", Integer.toString(decision.remainingRequests()));
        headers.set("x-ratelimit-remaining-tokens", Integer.toString(decision.remainingTokens()));
    }
}
