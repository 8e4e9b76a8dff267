package io.aoailab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.lab.http.BodyTooLargeException;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.http.LabJson;
import java.io.IOException;
import java.time.Duration;

/**
 * A standalone lab's admin API, on its own loopback host: what the suite does through the lab's fault control,
 * for any client.
 * <ul>
 *   <li>{@code GET /admin/status}: accounts, regions and endpoints</li>
 *   <li>{@code GET /admin/apim}: the gateway's tokens per subscription, emitted token metrics, breaker trips</li>
 *   <li>{@code POST /admin/faults} {@code {"account":"aoai-eus","fault":"throttle|error|latency|drop",
 *       "status":503,"retryAfterMs":1000,"delayMs":250,"times":3|"durationMs":5000}}: inject a fault</li>
 *   <li>{@code DELETE /admin/faults[?account=aoai-eus]}: remove faults; what they caused stays, as in Azure: a gateway
 *       breaker they tripped stays open until its trip has passed</li>
 * </ul>
 */
final class LabAdminApi implements LabHandler {
    private static final int MAX_BODY = 16 * 1024;

    private final Lab lab;

    LabAdminApi(Lab lab) {
        this.lab = lab;
    }

    @Override
    public void handle(LabExchange exchange) throws IOException {
        String route = exchange.method() + " " + exchange.path();
        switch (route) {
            case "GET /admin/status" -> exchange.json(200, status());
            case "GET /admin/apim" -> exchange.json(200, apim());
            case "POST /admin/faults" -> inject(exchange);
            case "DELETE /admin/faults" -> {
                exchange.query("account").ifPresentOrElse(a -> lab.faults().reset(a), () -> lab.faults().reset());
                exchange.respond(204, null, new byte[0]);
            }
            default -> error(exchange, 404, "no admin route " + route
                    + "; routes: GET /admin/status, POST /admin/faults, DELETE /admin/faults");
        }
    }

    private Object status() {
        var body = LabJson.object();
        body.put("authorityHost", lab.authorityLoopbackUri().toString());
        body.put("startupMillis", lab.startupTime().toMillis());
        var accounts = body.putArray("accounts");
        for (Lab.LabAccount account : lab.accounts()) {
            accounts.addObject().put("name", account.spec().name()).put("region", account.spec().region())
                    .put("endpoint", account.loopbackUri().toString());
        }
        return body;
    }

    // what an operator reads from APIM's metrics and Event Grid: the emitted token metrics (and the tokens per
    // subscription they add up to), breaker trips
    private Object apim() {
        var body = LabJson.object();
        lab.apim().ifPresent(apim -> {
            body.put("gateway", apim.loopbackUri().toString());
            body.set("tokensBySubscription", LabJson.MAPPER.valueToTree(apim.gateway().tokenMetrics().tokensBySubscription()));
            body.set("breakerTrips", LabJson.MAPPER.valueToTree(apim.gateway().breakerTrips()));
            body.set("metrics", LabJson.MAPPER.valueToTree(apim.gateway().tokenMetrics().metrics().stream()
                    .map(m -> java.util.Map.of("at", m.at().toString(), "namespace", m.namespace(), "name", m.name(),
                            "value", m.value(), "dimensions", m.dimensions())).toList()));
        });
        return body;
    }

    private void inject(LabExchange exchange) throws IOException {
        JsonNode request;
        try {
            request = LabJson.MAPPER.readTree(exchange.body(MAX_BODY));
        } catch (BodyTooLargeException | IOException e) {
            error(exchange, 400, "the body must be a JSON object of at most " + MAX_BODY + " bytes");
            return;
        }
        try {
            String account = text(request, "account");
            lab.account(account);
            Fault fault = switch (text(request, "fault")) {
                case "throttle" -> new Fault.Throttle(Duration.ofMillis(request.path("retryAfterMs").asLong(1000)));
                case "error" -> new Fault.ServerError(request.path("status").asInt(503));
                case "latency" -> new Fault.Latency(Duration.ofMillis(request.path("delayMs").asLong(250)));
                case "drop" -> new Fault.DropConnection();
                default -> throw new IllegalArgumentException("fault must be throttle, error, latency or drop");
            };
            FaultBudget budget = request.has("durationMs")
                    ? FaultBudget.forDuration(Duration.ofMillis(request.get("durationMs").asLong()))
                    : FaultBudget.times(request.path("times").asInt(1));
            lab.faults().inject(account, fault, budget);
            exchange.json(201, request);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            error(exchange, 400, e.getMessage());
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is required and must be a string");
        }
        return value.asText();
    }

    private static void error(LabExchange exchange, int status, String message) throws IOException {
        var body = LabJson.object();
        body.putObject("error").put("code", status == 404 ? "NotFound" : "BadRequest").put("message", message);
        exchange.json(status, body);
    }
}
