package io.aoailab.access;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * openai-java's HTTP client, sending through the suite's own: the same OkHttp client (timeouts, trust, pinning,
 * proxy) and the same {@link CallCapture} policy as every other client, so an openai-java call is recorded, reported
 * and redacted exactly like an azure-ai-openai one. openai-java builds the request (URL, headers, credential, body);
 * this only carries it. A streamed answer's body is handed over as it arrives, its events traced on the way
 * ({@link TappedEventStreamResponse}).
 */
final class OpenAiJavaTransport implements HttpClient {
    private final HttpPipeline pipeline;

    OpenAiJavaTransport(com.azure.core.http.HttpClient http, CallCapture capture) {
        this.pipeline = new HttpPipelineBuilder().httpClient(http).policies(capture).build();
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        com.azure.core.http.HttpRequest sent = new com.azure.core.http.HttpRequest(
                HttpMethod.valueOf(request.method().name()), request.url());
        Headers headers = request.headers();
        headers.names().forEach(name -> headers.values(name)
                .forEach(value -> sent.getHeaders().add(HttpHeaderName.fromString(name), value)));
        if (request.body() != null) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            request.body().writeTo(body);
            if (request.body().contentType() != null) {
                sent.getHeaders().set(HttpHeaderName.CONTENT_TYPE, request.body().contentType());
            }
            sent.setBody(BinaryData.fromBytes(body.toByteArray()));
        }
        return new Answer(pipeline.sendSync(sent, Context.NONE));
    }

    // the suite only uses the blocking client: an "async" call runs here and now, within the suite's bounds
    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        try {
            return CompletableFuture.completedFuture(execute(request, options));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        // the OkHttp client belongs to the run, which closes it
    }

    /** An azure-core answer as openai-java reads it. */
    private record Answer(com.azure.core.http.HttpResponse response) implements HttpResponse {
        @Override
        public int statusCode() {
            return response.getStatusCode();
        }

        @Override
        public Headers headers() {
            Headers.Builder headers = Headers.builder();
            response.getHeaders().forEach(h -> headers.put(h.getName(), h.getValue()));
            return headers.build();
        }

        @Override
        public InputStream body() {
            BinaryData body = response.getBodyAsBinaryData();
            return body == null ? InputStream.nullInputStream() : body.toStream();
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
