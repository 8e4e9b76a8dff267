package io.aoailab.lab.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The last requests a lab host answered (or dropped), bounded, in the order answered. */
public final class RequestLog {
    static final int CAPACITY = 1_000;

    private final Deque<RecordedRequest> entries = new ArrayDeque<>();
    private final Clock clock;

    public RequestLog(Clock clock) {
        this.clock = clock;
    }

    /** Now, by the lab's clock: when a request arrives. */
    Instant now() {
        return clock.instant();
    }

    void record(LabExchange exchange, int status) {
        Set<String> names = exchange.requestHeaders().keySet().stream().map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        RecordedRequest entry = new RecordedRequest(exchange.arrivedAt(), exchange.method(), exchange.path(), names,
                exchange.header("Authorization").map(RequestLog::claims).orElse(Map.of()), status);
        synchronized (entries) {
            entries.addLast(entry);
            if (entries.size() > CAPACITY) {
                entries.removeFirst();
            }
        }
    }

    public List<RecordedRequest> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    private static Map<String, String> claims(String authorization) {
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length < 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            return Map.of();
        }
        String[] jwt = parts[1].split("\\.");
        if (jwt.length != 3) {
            return Map.of();
        }
        try {
            JsonNode payload = LabJson.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            Map<String, String> claims = new HashMap<>();
            for (String claim : new String[] {"oid", "appid", "aud"}) {
                if (payload.hasNonNull(claim)) {
                    claims.put(claim, payload.get(claim).asText());
                }
            }
            return claims;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Map.of();
        }
    }
}
