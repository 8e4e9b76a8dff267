package io.aoailab.access;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import io.aoailab.access.CallRecord.BodySummary;
import io.aoailab.report.CallReport;
import io.aoailab.report.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * A pipeline policy that records every response an SDK client receives (status, region, request ids, latency,
 * token usage), which is how the suite reads what the SDK's public methods hide: azure-ai-openai beta.16 keeps its
 * {@code *WithResponse} methods private (docs/azure-facts.md §0.5) and its stream events have no getter for
 * {@code sequence_number}. Each record also goes to the current thread's {@link CallLedger}. Bounded: the oldest
 * records go first.
 */
public final class CallCapture implements HttpPipelinePolicy {
    static final int CAPACITY = 10_000;
    /** The header in which Azure OpenAI names the region of the account that answered (docs/azure-facts.md §0.7). */
    public static final String AZURE_REGION_HEADER = "x-ms-region";

    private final String path;
    private final String regionHeader;
    private final Clock clock;
    private final Redactor redactor;
    private final RecentCalls records = new RecentCalls(CAPACITY);
    private volatile AnswerExpectation expected;

    /** A capture reading the answering region from {@code x-ms-region}, as Azure OpenAI sends it. */
    public CallCapture(String path, Clock clock, Redactor redactor) {
        this(path, AZURE_REGION_HEADER, clock, redactor);
    }

    /**
     * @param regionHeader the response header naming the region that answered: Azure OpenAI's {@code x-ms-region}, or
     *        through APIM the header the intended deployment declares ({@code EXPECTED_REGION_HEADER})
     */
    public CallCapture(String path, String regionHeader, Clock clock, Redactor redactor) {
        this.path = path;
        this.regionHeader = regionHeader;
        this.clock = clock;
        this.redactor = redactor;
    }

    /** Holds every answer recorded from now on to what the intended deployment says (see {@link AnswerExpectation}). */
    void expect(AnswerExpectation expectation) {
        this.expected = expectation;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        Instant start = clock.instant();
        long began = System.nanoTime();
        return next.process().flatMap(response -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - began);
            if (isEventStream(response)) {
                return Mono.just(tapped(response, record(response, start, latency, BodySummary.NONE,
                        Optional.of(new StreamTrace()))));
            }
            HttpResponse buffered = response.buffer();
            return buffered.getBodyAsByteArray().defaultIfEmpty(new byte[0]).map(body -> {
                record(buffered, start, latency, BodySummary.of(new String(body, StandardCharsets.UTF_8)),
                        Optional.empty());
                return buffered;
            });
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        Instant start = clock.instant();
        long began = System.nanoTime();
        HttpResponse response = next.processSync();
        Duration latency = Duration.ofNanos(System.nanoTime() - began);
        if (isEventStream(response)) {
            CallRecord call = record(response, start, latency, BodySummary.NONE, Optional.of(new StreamTrace()));
            report(call, response, "(event stream, not recorded)");
            return tapped(response, call);
        }
        // the report and the usage need the body, which a policy can only read from a buffered copy
        HttpResponse buffered = response.buffer();
        BinaryData body = buffered.getBodyAsBinaryData();
        String text = body == null ? "" : body.toString();
        report(record(buffered, start, latency, BodySummary.of(text), Optional.empty()), buffered, text);
        return buffered;
    }

    // A server-sent-event stream is never buffered: that would hold every event back until the last. It is read
    // through a tap instead, which fills the call's trace as the body comes off the connection.
    private static HttpResponse tapped(HttpResponse response, CallRecord call) {
        return new TappedEventStreamResponse(response, new ServerSentEventTap(call.stream().orElseThrow()));
    }

    private static boolean isEventStream(HttpResponse response) {
        return String.valueOf(response.getHeaderValue(HttpHeaderName.CONTENT_TYPE)).contains("text/event-stream");
    }

    private void report(CallRecord call, HttpResponse response, String responseBody) {
        HttpRequest request = response.getRequest();
        String requestBody = request.getBodyAsBinaryData() == null ? "" : request.getBodyAsBinaryData().toString();
        CallReport.attach(redactor, call.path() + ": " + call.method() + " " + call.url() + " -> " + call.status()
                + call.region().map(r -> " (" + r + ")").orElse(""),
                CallReport.describe(redactor, call.method(), call.url(), headers(request.getHeaders()), requestBody,
                        call.status(), headers(response.getHeaders()), responseBody), call.at(), call.latency());
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.forEach(h -> map.put(h.getName(), h.getValue()));
        return map;
    }

    /** Text as the run may show it: without the run's secrets. */
    String redact(String text) {
        return redactor.redact(text);
    }

    /** The calls so far, oldest first. */
    public List<CallRecord> calls() {
        return records.list();
    }

    /** The last call, if any. */
    public Optional<CallRecord> last() {
        return records.last();
    }

    private CallRecord record(HttpResponse response, Instant start, Duration latency, BodySummary body,
            Optional<StreamTrace> stream) {
        CallRecord call = new CallRecord(path, start,
                response.getRequest().getHttpMethod().name(),
                redactor.redact(response.getRequest().getUrl().toString()), response.getStatusCode(),
                header(response, regionHeader),
                header(response, "x-request-id"), header(response, "apim-request-id"), latency, retryAfter(response),
                body, stream,
                Optional.ofNullable(expected));
        records.add(call);
        CallLedger.addToCurrent(call);
        return call;
    }

    // Azure OpenAI sends both on 429 (docs/azure-facts.md §3.5); an HTTP-date Retry-After is not read
    private static Optional<Duration> retryAfter(HttpResponse response) {
        return header(response, "retry-after-ms").flatMap(ms -> duration(ms, 1e6))
                .or(() -> header(response, "retry-after").flatMap(s -> duration(s, 1e9)));
    }

    private static Optional<Duration> duration(String text, double nanosPerUnit) {
        try {
            double value = Double.parseDouble(text.strip());
            return value >= 0 && Double.isFinite(value) ? Optional.of(Duration.ofNanos((long) (value * nanosPerUnit)))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> header(HttpResponse response, String name) {
        return Optional.ofNullable(response.getHeaderValue(HttpHeaderName.fromString(name)));
    }
}
