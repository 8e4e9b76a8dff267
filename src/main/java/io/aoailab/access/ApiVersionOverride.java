package io.aoailab.access;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.UrlBuilder;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Sends the api-version the suite chooses instead of the one an SDK was built with: azure-ai-openai beta.16 knows
 * no dated version after 2025-03-01-preview, which Azure retires in time (docs/azure-facts.md §8), and
 * azure-ai-projects beta.2 asks the connections API with a preview where the GA {@code v1} now answers. The SDK still
 * builds the request and reads the answer; only the query parameter changes. Empty leaves the SDK's own.
 */
final class ApiVersionOverride implements HttpPipelinePolicy {
    private final Supplier<String> version;

    ApiVersionOverride(Supplier<String> version) {
        this.version = version;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        rewrite(context);
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        rewrite(context);
        return next.processSync();
    }

    // before the retry policy and the capture: every attempt, and its record, carry the version that was sent
    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_CALL;
    }

    private void rewrite(HttpPipelineCallContext context) {
        String chosen = version.get();
        if (chosen == null) {
            return;
        }
        UrlBuilder url = UrlBuilder.parse(context.getHttpRequest().getUrl());
        if (url.getQuery().containsKey("api-version")) {
            url.setQueryParameter("api-version", chosen);
            context.getHttpRequest().setUrl(url.toString());
        }
    }
}
