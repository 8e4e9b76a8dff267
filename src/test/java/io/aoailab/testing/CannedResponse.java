package io.aoailab.testing;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.FluxUtil;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An answer without a network (200 unless told otherwise). Its body is read the way azure-core-http-okhttp reads a socket: the sync path's
 * {@link #getBodyAsBinaryData()} is a stream, read no further than its reader reads.
 */
public final class CannedResponse extends HttpResponse {
    private final int status;
    private final HttpHeaders headers;
    private final Supplier<InputStream> body;

    private CannedResponse(HttpRequest request, int status, HttpHeaders headers, Supplier<InputStream> body) {
        super(request);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** A body that can be read any number of times. */
    public static CannedResponse of(HttpRequest request, HttpHeaders headers, byte[] body) {
        return of(request, 200, headers, body);
    }

    /** The same with another status. */
    public static CannedResponse of(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
        return new CannedResponse(request, status, headers, () -> new ByteArrayInputStream(body));
    }

    /** A body that arrives as the stream delivers it, once, like a response still coming over the wire. */
    public static CannedResponse streaming(HttpRequest request, HttpHeaders headers, InputStream body) {
        return new CannedResponse(request, 200, headers, () -> body);
    }

    /** Headers of a server-sent-event stream from a region. */
    public static HttpHeaders eventStreamHeaders(String region) {
        return new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderName.fromString("x-ms-region"), region);
    }

    @Override
    public int getStatusCode() {
        return status;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
        return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
        return FluxUtil.toFluxByteBuffer(body.get());
    }

    @Override
    public BinaryData getBodyAsBinaryData() {
        return BinaryData.fromStream(body.get());
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
        return Mono.fromCallable(this::bytes);
    }

    @Override
    public Mono<String> getBodyAsString() {
        return getBodyAsString(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
        return getBodyAsByteArray().map(bytes -> new String(bytes, charset));
    }

    private byte[] bytes() {
        try (InputStream in = body.get()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
