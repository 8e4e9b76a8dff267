package io.aoailab.access;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.aoailab.report.CallReport;
import io.aoailab.report.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * A pipeline policy that records every response an SDK client receives (status, region, request ids, latency),
 * which is how the suite reads headers the SDK's public methods hide (azure-ai-openai beta.16 keeps its
 * {@code *WithResponse} methods private, azure-wire-facts.md §0.5). Bounded: the oldest records go first.
 */
public final class CallCapture implements HttpPipelinePolicy {
    static final int CAPACITY = 10_000;

    private final String path;
    private final Clock clock;
    private final Deque<CallRecord> records = new ArrayDeque<>();

    public CallCapture(String path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        Instant start = clock.instant();
        long began = System.nanoTime();
        return next.process().doOnNext(response -> record(response, start, began));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        Instant start = clock.instant();
        long began = System.nanoTime();
        HttpResponse response = next.processSync();
        CallRecord call = record(response, start, began);
        return report(call, response);
    }

    // The report needs the body, which a policy can only read from a buffered copy. A server-sent-event stream
    // is left alone: buffering it would hold every event back until the last.
    private static HttpResponse report(CallRecord call, HttpResponse response) {
        String contentType = String.valueOf(response.getHeaderValue(HttpHeaderName.CONTENT_TYPE));
        HttpResponse shown = contentType.contains("text/event-stream") ? response : response.buffer();
        String responseBody = shown == response ? "(event stream, not recorded)" : shown.getBodyAsBinaryData().toString();
        HttpRequest request = response.getRequest();
        String requestBody = request.getBodyAsBinaryData() == null ? "" : request.getBodyAsBinaryData().toString();
        CallReport.attach(call.path() + ": " + call.method() + " " + call.url() + " -> " + call.status()
                + call.region().map(r -> " (" + r + ")").orElse(""),
                CallReport.describe(call.method(), call.url(), headers(request.getHeaders()), requestBody,
                        call.status(), headers(response.getHeaders()), responseBody));
        return shown;
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.forEach(h -> map.put(h.getName(), h.getValue()));
        return map;
    }

    /** The calls so far, oldest first. */
    public List<CallRecord> calls() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The last call, if any. */
    public Optional<CallRecord> last() {
        synchronized (records) {
            return Optional.ofNullable(records.peekLast());
        }
    }

    private CallRecord record(HttpResponse response, Instant start, long began) {
        Optional<String> region = header(response, "x-ms-region").or(() -> header(response, "x-backend-region"));
        CallRecord call = new CallRecord(path, start, response.getRequest().getHttpMethod().name(),
                Redactor.get().redact(response.getRequest().getUrl().toString()), response.getStatusCode(), region,
                header(response, "x-request-id"), header(response, "apim-request-id"),
                Duration.ofNanos(System.nanoTime() - began));
        synchronized (records) {
            records.addLast(call);
            if (records.size() > CAPACITY) {
                records.removeFirst();
            }
        }
        return call;
    }

    private static Optional<String> header(HttpResponse response, String name) {
        return Optional.ofNullable(response.getHeaderValue(name));
    }
}
