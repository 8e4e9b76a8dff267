package io.aoailab.access;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.CoreUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An event-stream response exactly as it came, except that its body passes a {@link ServerSentEventTap} on the way
 * out, chunk by chunk as it arrives, so no event is held back and each is stamped with its arrival. Every way to read
 * the body is tapped: azure-core's sync path reads {@link #getBodyAsBinaryData()} (with OkHttp a stream over the
 * socket, which azure-ai-openai beta.16 turns into a {@code Flux} and openai-java reads line by line), read ahead
 * by a {@link ReadAheadInputStream}; the async path {@link #getBody()}, whose chunks are pushed as they come; the rest of
 * {@link HttpResponse}'s readers ({@code writeBodyTo}, {@code buffer}) go through these two.
 */
final class TappedEventStreamResponse extends HttpResponse {
    private final HttpResponse response;
    private final ServerSentEventTap tap;
    // the bodies handed out as streams, each read ahead by a thread of its own: closing the response stops them
    private final List<ReadAheadInputStream> readers = new CopyOnWriteArrayList<>();

    TappedEventStreamResponse(HttpResponse response, ServerSentEventTap tap) {
        super(response.getRequest());
        this.response = response;
        this.tap = tap;
    }

    @Override
    public int getStatusCode() {
        return response.getStatusCode();
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
        return response.getHeaderValue(name);
    }

    @Override
    public String getHeaderValue(HttpHeaderName name) {
        return response.getHeaderValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
        return response.getHeaders();
    }

    @Override
    public Flux<ByteBuffer> getBody() {
        return response.getBody().doOnNext(tap::accept).doOnComplete(tap::end);
    }

    @Override
    public BinaryData getBodyAsBinaryData() {
        BinaryData body = response.getBodyAsBinaryData();
        return body == null ? null : BinaryData.fromStream(readAhead(body.toStream()));
    }

    @Override
    public Mono<InputStream> getBodyAsInputStream() {
        return response.getBodyAsInputStream().map(this::readAhead);
    }

    private InputStream readAhead(InputStream wire) {
        ReadAheadInputStream body = new ReadAheadInputStream(wire, tap);
        readers.add(body);
        return body;
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
        return response.getBodyAsByteArray().doOnSuccess(bytes -> {
            if (bytes != null) {
                tap.accept(bytes, 0, bytes.length);
            }
            tap.end();
        });
    }

    @Override
    public Mono<String> getBodyAsString() {
        return getBodyAsByteArray().map(bytes -> CoreUtils.bomAwareToString(bytes,
                getHeaderValue(HttpHeaderName.CONTENT_TYPE)));
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
        return getBodyAsByteArray().map(bytes -> new String(bytes, charset));
    }

    @Override
    public void close() {
        readers.forEach(reader -> {
            try {
                reader.close();
            } catch (IOException e) {
                // the response is being discarded: what its connection says on the way out changes nothing
            }
        });
        response.close();
    }
}
