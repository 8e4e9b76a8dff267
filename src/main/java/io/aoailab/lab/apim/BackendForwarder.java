package io.aoailab.lab.apim;

import io.aoailab.lab.apim.policy.BackendException;
import io.aoailab.lab.apim.policy.ForwardOptions;
import io.aoailab.lab.apim.policy.GatewayRequest;
import io.aoailab.lab.apim.policy.GatewayResponse;
import io.aoailab.lab.apim.policy.HeaderMap;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends a request on to a backend over HTTPS and brings its answer back, as {@code forward-request} does. The
 * answer is buffered (APIM's {@code buffer-response} default); a streamed SSE answer arrives whole, in order.
 */
final class BackendForwarder {
    // hop-by-hop and framing headers are the transport's business, never copied across (RFC 9110 §7.6.1)
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length",
            "transfer-encoding", "keep-alive", "upgrade", "te", "trailer", "proxy-connection");

    private final OkHttpClient client;

    BackendForwarder(OkHttpClient client) {
        this.client = client;
    }

    GatewayResponse forward(GatewayRequest request, URI url, ForwardOptions options) throws BackendException {
        Headers.Builder headers = new Headers.Builder();
        request.headers().asMap().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> headers.add(name, v));
            }
        });
        String contentType = request.headers().first("Content-Type").orElse("application/octet-stream");
        RequestBody body = permitsBody(request.method())
                ? RequestBody.create(request.body(), MediaType.parse(contentType)) : null;
        Request outgoing = new Request.Builder().url(url.toString()).headers(headers.build())
                .method(request.method(), body).build();
        OkHttpClient timed = client.newBuilder().callTimeout(options.timeout()).readTimeout(options.timeout()).build();
        try (Response response = timed.newCall(outgoing).execute()) {
            HeaderMap answer = new HeaderMap();
            for (String name : response.headers().names()) {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    answer.set(name, response.headers(name));
                }
            }
            byte[] bytes = response.body() == null ? new byte[0] : response.body().bytes();
            return new GatewayResponse(response.code(), response.message(), answer, bytes);
        } catch (InterruptedIOException e) {
            throw new BackendException("Timeout", "Request to the backend service timed out", null);
        } catch (IOException e) {
            throw new BackendException("BackendConnectionFailure",
                    "Error occured while calling backend service.", null);
        }
    }

    private static boolean permitsBody(String method) {
        return List.of("POST", "PUT", "PATCH").contains(method.toUpperCase(Locale.ROOT));
    }
}
