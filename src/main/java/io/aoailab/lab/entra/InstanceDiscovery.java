package io.aoailab.lab.entra;

import io.aoailab.lab.http.LabExchange;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /common/discovery/instance}: MSAL's authority validation ("instance discovery"), which it runs before
 * its first token request unless the credential disables it.
 *
 * <p>MSAL4J 1.23.1 sends it to {@code https://login.microsoftonline.com:<authority port>/common/discovery/instance}
 * whatever the authority host, naming the authority in {@code authorization_endpoint} (port dropped). With
 * {@code login.microsoftonline.com} pinned to loopback that reaches the lab, so the lab answers as Entra does:
 * the public cloud's metadata for an authority on one of its hosts, {@code 400 invalid_instance} (AADSTS50049)
 * for any other, e.g. {@code 127.0.0.1}. Body shapes: Microsoft Learn, "Instance discovery" in the MSAL docs,
 * which quotes both; MSAL then sends token requests to {@code preferred_network} on the authority's port.
 */
final class InstanceDiscovery {
    static final String PATH = "/common/discovery/instance";
    private static final List<String> PUBLIC_CLOUD_ALIASES =
            List.of("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net");

    private InstanceDiscovery() {
    }

    static void handle(LabExchange exchange, EntraAnswers answers) throws IOException {
        Optional<URI> authorize = exchange.query("authorization_endpoint").flatMap(InstanceDiscovery::uri);
        if (authorize.isEmpty() || authorize.get().getHost() == null
                || !PUBLIC_CLOUD_ALIASES.contains(authorize.get().getHost().toLowerCase(Locale.ROOT))) {
            answers.error(exchange, EntraError.unknownInstance());
            return;
        }
        String tenant = firstSegment(authorize.get().getPath()).orElse("common");
        Map<String, Object> cloud = new LinkedHashMap<>();
        cloud.put("preferred_network", "login.microsoftonline.com");
        cloud.put("preferred_cache", "login.windows.net");
        cloud.put("aliases", PUBLIC_CLOUD_ALIASES);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_discovery_endpoint", Discovery.origin(exchange) + "/" + tenant + Discovery.METADATA_PATH);
        body.put("api-version", "1.1");
        body.put("metadata", List.of(cloud));
        answers.metadata(exchange, body);
    }

    private static Optional<URI> uri(String value) {
        try {
            return Optional.of(URI.create(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstSegment(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).findFirst();
    }
}
