package io.aoailab.lab.entra;

import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.secrets.GeneratedSecrets;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes the authority's answers with the headers Entra sends (seen in azure-sdk-for-js recordings of
 * login.microsoftonline.com): token and error answers are {@code no-store, no-cache}, metadata is
 * {@code max-age=86400, private}, and each answer carries an {@code x-ms-request-id}, the body's {@code trace_id}.
 * MSAL sends a {@code client-request-id} and logs it as its correlation id; the lab echoes it and makes it the
 * body's {@code correlation_id}, so both sides' logs name the same id [UNCONFIRMED that Entra does exactly this].
 */
final class EntraAnswers {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    /** Entra reports 3599 for its one-hour tokens. */
    static final long EXPIRES_IN = AccessTokens.LIFETIME.toSeconds() - 1;

    private final Clock clock;
    private final GeneratedSecrets secrets;

    EntraAnswers(Clock clock, GeneratedSecrets secrets) {
        this.clock = clock;
        this.secrets = secrets;
    }

    void token(LabExchange exchange, IssuedToken token) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", EXPIRES_IN);
        body.put("ext_expires_in", EXPIRES_IN);
        body.put("access_token", token.accessToken());
        noStore(exchange, UUID.randomUUID().toString());
        exchange.json(200, body);
    }

    void error(LabExchange exchange, EntraError error) throws IOException {
        String traceId = UUID.randomUUID().toString();
        String correlationId = exchange.header("client-request-id")
                .filter(id -> GUID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        noStore(exchange, traceId);
        exchange.json(error.status(), redacted(error).body(clock.instant(), traceId, correlationId));
    }

    void metadata(LabExchange exchange, Object body) throws IOException {
        exchange.responseHeaders().set("Cache-Control", "max-age=86400, private");
        exchange.responseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
        exchange.json(200, body);
    }

    /**
     * Entra echoes request values in its descriptions (client id, tenant, scope, grant type), and a client that
     * puts its secret in the wrong parameter (a classic: the secret in {@code client_id}) would get it echoed; the
     * lab's answers never carry a secret it generated, so the description goes through the lab's
     * {@link GeneratedSecrets}.
     */
    private EntraError redacted(EntraError error) {
        return new EntraError(error.status(), error.error(), error.code(), secrets.redact(error.message()));
    }

    private static void noStore(LabExchange exchange, String traceId) {
        exchange.responseHeaders().set("Cache-Control", "no-store, no-cache");
        exchange.responseHeaders().set("Pragma", "no-cache");
        exchange.responseHeaders().set("x-ms-request-id", traceId);
        exchange.header("client-request-id")
                .filter(id -> GUID.matcher(id).matches())
                .ifPresent(id -> exchange.responseHeaders().set("client-request-id", id));
    }
}
