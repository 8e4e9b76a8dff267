package io.aoailab.lab.foundry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.FoundrySpec;
import io.aoailab.lab.topology.Topology;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * A connection as the project plane returns it, field for field what azure-ai-projects 1.0.0-beta.2's
 * {@code Connection.fromJson} reads: {@code name}, {@code id}, {@code type} ({@code ConnectionType}), {@code target},
 * {@code isDefault}, {@code credentials} ({@code BaseCredentials}, discriminated by {@code type}: {@code ApiKey}
 * with {@code key}, {@code AAD}, …) and {@code metadata} (a string map) [VERIFIED-LOCAL javap of the jar; docs/azure-facts.md §5.2].
 */
final class ConnectionJson {
    private final Topology topology;
    private final String projectScope;
    private final Function<String, URI> targetUrl;
    private final Function<String, Optional<LabSecret>> targetKey;

    ConnectionJson(Topology topology, FoundrySpec foundry, Function<String, URI> targetUrl,
            Function<String, Optional<LabSecret>> targetKey) {
        this.topology = topology;
        this.projectScope = topology.projectScope(foundry);
        this.targetUrl = targetUrl;
        this.targetKey = targetKey;
    }

    /**
     * @param withSecrets whether this is "get with credentials": only then does an ApiKey connection carry its key
     */
    ObjectNode render(FoundrySpec.Connection connection, boolean withSecrets) {
        ObjectNode json = LabJson.object();
        json.put("name", connection.name());
        // the connection's ARM id under its project, the format REST samples use [OBSERVED-3P
        // microsoft/GitHub-Copilot-for-Azure plugin/skills/microsoft-foundry/project/connections.md]
        json.put("id", projectScope + "/connections/" + connection.name());
        json.put("type", connection.type());
        json.put("target", withTrailingSlash(targetUrl.apply(connection.target()).toString()));
        json.put("isDefault", connection.isDefault());
        ObjectNode credentials = json.putObject("credentials");
        credentials.put("type", connection.authType());
        if (withSecrets && "ApiKey".equals(connection.authType())) {
            LabSecret key = targetKey.apply(connection.target()).orElseThrow(() -> new IllegalStateException(
                    "The lab has no key for the ApiKey connection " + connection.name() + " (" + connection.target()
                            + ")"));
            credentials.put("key", key.reveal());
        }
        ObjectNode metadata = json.putObject("metadata");
        // What ARM stores with a connection (docs/azure-facts.md §5.2: metadata{ApiType:"Azure",ResourceId,…}); that the data plane
        // echoes it unchanged is UNCONFIRMED
        if ("AzureOpenAI".equals(connection.type())) {
            metadata.put("ApiType", "Azure");
        }
        resourceId(connection.target()).ifPresent(id -> metadata.put("ResourceId", id));
        return json;
    }

    private Optional<String> resourceId(String target) {
        int colon = target.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String name = target.substring(colon + 1);
        return switch (target.substring(0, colon)) {
            case "account" -> topology.account(name).map(topology::accountScope);
            case "search" -> topology.searchService(name).map(topology::searchScope);
            case "storage" -> topology.storageAccount(name).map(topology::storageScope);
            default -> Optional.empty();
        };
    }

    // Azure stores resource endpoints as the portal shows them, e.g. https://x.openai.azure.com/ (docs/azure-facts.md §5.4: the Java
    // client strips this trailing '/' before using it as a base URL)
    private static String withTrailingSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
