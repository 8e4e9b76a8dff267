package io.aoailab.lab.apim;

import io.aoailab.lab.apim.policy.BackendException;
import io.aoailab.lab.apim.policy.ForwardOptions;
import io.aoailab.lab.apim.policy.GatewayRequest;
import io.aoailab.lab.apim.policy.GatewayResponse;
import io.aoailab.lab.apim.policy.HeaderMap;
import io.aoailab.lab.apim.policy.StreamedBody;
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
 * Sends a request on to a backend over HTTPS and brings its answer back, as {@code forward-request} does: status and
 * headers at once, the body as it arrives ({@link StreamedBody}), to be passed on or read by the gateway. The
 * forward's timeout bounds the wait for the answer, and in the lab every later wait for more of its body; nothing
 * bounds a whole stream that keeps coming (docs/apim-gateway.md §2.3).
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
        OkHttpClient timed = client.newBuilder().readTimeout(options.timeout()).build();
        try {
            Response response = timed.newCall(outgoing).execute();
            HeaderMap answer = new HeaderMap();
            for (String name : response.headers().names()) {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    answer.set(name, response.headers(name));
                }
            }
            return GatewayResponse.streaming(response.code(), response.message(), answer,
                    new StreamedBody(response.body().byteStream(), options.bufferResponse(), response));
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
