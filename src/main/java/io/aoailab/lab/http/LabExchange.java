package io.aoailab.lab.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One request to an emulated host and its answer. A thin layer over the JDK's {@link HttpExchange}: decoded
 * query parameters, case-insensitive headers, a size-bounded body, JSON and SSE answers, and a way to drop the
 * connection as a failing region would.
 */
public final class LabExchange {
    private final HttpExchange exchange;
    private final String requestId;
    private final Map<String, List<String>> query;
    private final String path;
    private final RequestLog log;
    private final Instant arrivedAt;
    private final java.util.concurrent.atomic.AtomicBoolean answered;

    LabExchange(HttpExchange exchange, RequestLog log) {
        this.exchange = exchange;
        this.log = log;
        this.arrivedAt = log == null ? null : log.now();
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
        this.path = foldedPath(exchange.getRequestURI());
        this.answered = new java.util.concurrent.atomic.AtomicBoolean();
        this.requestId = UUID.randomUUID().toString();
    }

    private LabExchange(LabExchange original, String path) {
        this.exchange = original.exchange;
        this.log = original.log;
        this.arrivedAt = original.arrivedAt;
        this.query = original.query;
        this.path = path;
        this.answered = original.answered;
        this.requestId = original.requestId;
    }

    /**
     * The same request as seen under another path, for a host that serves a surface below a prefix (a Foundry
     * project's {@code /api/projects/<p>/openai/v1/...} is the account's {@code /openai/v1/...}). Answering either
     * answers the one request.
     */
    public LabExchange rerouted(String newPath) {
        return new LabExchange(this, newPath);
    }

    // The JDK parses a request target "//openai/x" as authority "openai" and path "/x", so fold the raw target
    private static String foldedPath(URI target) {
        String raw = target.toString();
        int end = raw.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = raw.indexOf(stop);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        String folded = raw.substring(0, end).replaceAll("/{2,}", "/");
        try {
            return new URI(folded).getPath();
        } catch (java.net.URISyntaxException e) {
            return folded;
        }
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /**
     * The decoded path, e.g. {@code /openai/responses/resp_1}, with runs of '/' folded into one: SDKs join an
     * endpoint copied from the portal ({@code https://x.openai.azure.com/}) with {@code /openai/...}, and Azure's
     * front ends serve the resulting {@code //openai/...} as usual.
     */
    public String path() {
        return path;
    }

    public URI uri() {
        return exchange.getRequestURI();
    }

    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean hasQuery(String name) {
        return query.containsKey(name);
    }

    public Map<String, List<String>> queryParameters() {
        return query;
    }

    /** A request header; the JDK's {@link Headers} compare names case-insensitively. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    public Headers requestHeaders() {
        return exchange.getRequestHeaders();
    }

    /** Headers to send with the answer; set them before answering. */
    public Headers responseHeaders() {
        return exchange.getResponseHeaders();
    }

    /** A fresh id per request, for the {@code x-request-id}-style headers of each service. */
    public String requestId() {
        return requestId;
    }

    /** The request body, read up to {@code limit} bytes; more than that is the caller's 413. */
    public byte[] body(long limit) throws IOException, BodyTooLargeException {
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new BodyTooLargeException(limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    public void respond(int status, String contentType, byte[] body) throws IOException {
        answered(status);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean noBody = body.length == 0 || "HEAD".equals(method()) || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /**
     * Starts an answer whose length is not known yet (chunked): what is written and flushed leaves at once; closing the
     * stream ends the answer. For a HEAD request or a status without a body, what is written goes nowhere.
     */
    public OutputStream stream(int status) throws IOException {
        answered(status);
        boolean noBody = "HEAD".equals(method()) || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : 0);
        return noBody ? OutputStream.nullOutputStream() : exchange.getResponseBody();
    }

    public void json(int status, Object body) throws IOException {
        respond(status, "application/json; charset=utf-8", LabJson.bytes(body));
    }

    public void text(int status, String contentType, String body) throws IOException {
        respond(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a chunked {@code text/event-stream} answer; close the stream to end it. */
    public SseStream sse(int status) throws IOException {
        answered(status);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(status, 0);
        return new SseStream(exchange.getResponseBody());
    }

    /** Closes the connection without an answer, as a crashed backend does; the client sees a reset stream. */
    public void drop() {
        answered(RecordedRequest.DROPPED);
        exchange.close();
    }

    boolean answered() {
        return answered.get();
    }

    /** When the request arrived, by the clock of the log it is recorded in. */
    Instant arrivedAt() {
        return arrivedAt;
    }

    // recorded before the answer leaves, so whoever reads the log after getting the answer finds the entry
    private void answered(int status) {
        answered.set(true);
        if (log != null) {
            log.record(this, status);
        }
    }

    HttpExchange raw() {
        return exchange;
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
