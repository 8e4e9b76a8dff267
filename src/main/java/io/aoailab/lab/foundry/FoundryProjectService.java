package io.aoailab.lab.foundry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.entra.Caller;
import io.aoailab.lab.entra.TokenCheck;
import io.aoailab.lab.entra.TokenVerifier;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.FoundrySpec;
import io.aoailab.lab.topology.Topology;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The AI Foundry project endpoint, {@code https://<account>.services.ai.azure.com/api/projects/<project>}
 * (docs/azure-facts.md §5.1): the connections API of §5.2 as azure-ai-projects 1.0.0-beta.2 calls it, and the
 * project's own {@code /openai/...} surface, which it only routes to the handler the lab assembly passes.
 *
 * <p><b>Order of checks</b> for the connections API, each answering with the body {@link ProjectErrors} documents:
 * route and project (404); api-version (400); bearer token for {@code https://ai.azure.com} (401, §3.1); RBAC at the
 * <em>project</em> scope (401 PermissionDenied, §3.4); connection (404). The api-version comes before the token as on
 * the Azure OpenAI account, where an unsupported version is refused whoever calls.
 *
 * <p>Thread-safe: holds no mutable state; RBAC is evaluated per request.
 */
public final class FoundryProjectService implements LabHandler {
    /**
     * The data action read operations check. UNCONFIRMED: no PermissionDenied capture names it; it follows docs/azure-facts.md §4.2's
     * {@code accounts/AIServices/...} family for project routes and is granted by {@code Microsoft.CognitiveServices/*}
     * (Azure AI User, Cognitive Services User), as Foundry's docs say those roles can use a project's connections.
     */
    static final String READ_CONNECTIONS = "Microsoft.CognitiveServices/accounts/AIServices/connections/read";
    /**
     * The data action "get with credentials" checks; the control-plane counterpart is
     * {@code Microsoft.CognitiveServices/accounts/projects/connections/listsecrets/action} (docs/azure-facts.md §5.2). UNCONFIRMED name.
     */
    static final String LIST_SECRETS = "Microsoft.CognitiveServices/accounts/AIServices/connections/listsecrets/action";

    private final FoundrySpec foundry;
    private final String projectScope;
    private final TokenVerifier tokens;
    private final AccessControl access;
    private final ConnectionJson json;
    private final LabHandler projectResponses;
    private final Clock clock;

    /**
     * @param topology the lab's topology, for ARM ids (the project scope, connection and target ids)
     * @param foundry the Foundry resource whose project this serves
     * @param tokens checks bearer tokens; this service asks for the {@code https://ai.azure.com} audience
     * @param access the lab's RBAC engine
     * @param targetUrl a connection target ({@code account:x}, {@code search:x}, {@code storage:x}) to its lab URL
     * @param targetKey an ApiKey connection's key, by target
     * @param projectResponses serves {@code /api/projects/<project>/openai/...} (the assembly decides how)
     * @param clock the lab's clock (kept for the assembly's uniform wiring and future date headers)
     */
    public FoundryProjectService(Topology topology, FoundrySpec foundry, TokenVerifier tokens, AccessControl access,
            Function<String, URI> targetUrl, Function<String, Optional<LabSecret>> targetKey, LabHandler projectResponses,
            Clock clock) {
        this.foundry = Objects.requireNonNull(foundry, "foundry");
        this.projectScope = topology.projectScope(foundry);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.access = Objects.requireNonNull(access, "access");
        this.json = new ConnectionJson(topology, foundry, Objects.requireNonNull(targetUrl, "targetUrl"),
                Objects.requireNonNull(targetKey, "targetKey"));
        this.projectResponses = Objects.requireNonNull(projectResponses, "projectResponses");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public FoundrySpec foundry() {
        return foundry;
    }

    /** The project endpoint as clients configure it, without the lab's port: Azure's shape. */
    public String projectEndpoint() {
        return "https://" + foundry.projectHostName() + "/api/projects/" + foundry.project();
    }

    @Override
    public void handle(LabExchange exchange) throws IOException {
        exchange.responseHeaders().set("x-ms-request-id", exchange.requestId());
        Optional<ProjectRoute> matched = ProjectRoute.match(exchange.method(), exchange.path());
        if (matched.isEmpty()) {
            ProjectErrors.resourceNotFound().send(exchange);
            return;
        }
        ProjectRoute route = matched.get();
        // Azure resource names compare case-insensitively
        if (!route.project().toLowerCase(Locale.ROOT).equals(foundry.project().toLowerCase(Locale.ROOT))) {
            ProjectErrors.projectNotFound().send(exchange);
            return;
        }
        Optional<String> apiVersion = exchange.query("api-version").filter(v -> !v.isBlank());
        switch (route.kind()) {
            case OPENAI -> projectResponses.handle(exchange);
            // docs/azure-facts.md §5.1: the bare project endpoint without /openai/v1 [OBSERVED-3P]; with a version, nothing serves it
            case BARE_RESPONSES -> (apiVersion.isEmpty() ? ProjectErrors.missingApiVersion()
                    : ProjectErrors.resourceNotFound()).send(exchange);
            case UNKNOWN -> ProjectErrors.resourceNotFound().send(exchange);
            default -> connections(exchange, route, apiVersion);
        }
    }

    private void connections(LabExchange exchange, ProjectRoute route, Optional<String> apiVersion) throws IOException {
        if (apiVersion.isEmpty()) {
            ProjectErrors.missingApiVersion().send(exchange);
            return;
        }
        if (!ProjectErrors.SUPPORTED_API_VERSIONS.contains(apiVersion.get())) {
            ProjectErrors.unsupportedApiVersion(apiVersion.get()).send(exchange);
            return;
        }
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            ProjectErrors.invalidToken().send(exchange);
            return;
        }
        String dataAction = route.kind() == ProjectRoute.Kind.GET_WITH_CREDENTIALS ? LIST_SECRETS : READ_CONNECTIONS;
        if (!access.permits(caller.get().objectId(), projectScope, dataAction)) {
            ProjectErrors.permissionDenied(caller.get().objectId(), dataAction, route.kind().template).send(exchange);
            return;
        }
        switch (route.kind()) {
            case LIST_CONNECTIONS -> list(exchange);
            case GET_CONNECTION -> one(exchange, route.connection(), false);
            case GET_WITH_CREDENTIALS -> one(exchange, route.connection(), true);
            default -> throw new IllegalStateException("not a connections route: " + route.kind());
        }
    }

    // docs/azure-facts.md §3.1: Entra only, audience https://ai.azure.com; the project plane takes no api-key (UNCONFIRMED: a key is
    // treated as no token, and gets the token body, as §3.1's "audience is incorrect" captures describe)
    private Optional<Caller> authenticate(LabExchange exchange) {
        Optional<String> authorization = exchange.header("Authorization")
                .filter(a -> a.toLowerCase(Locale.ROOT).startsWith("bearer "));
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        TokenCheck check = tokens.verify(authorization.get(), ProjectErrors.AI_AUDIENCE);
        return check instanceof TokenCheck.Valid valid ? Optional.of(valid.caller()) : Optional.empty();
    }

    /**
     * docs/azure-facts.md §5.2: one page {@code {"value":[…],"nextLink":null}}, filtered by {@code connectionType} and, when
     * {@code defaultConnection=true}, to default connections — the two query parameters
     * {@code ConnectionsClient.listConnections(ConnectionType, Boolean)} adds [VERIFIED-LOCAL javap].
     */
    private void list(LabExchange exchange) throws IOException {
        Optional<String> type = exchange.query("connectionType");
        boolean defaultsOnly = exchange.query("defaultConnection").map(Boolean::parseBoolean).orElse(false);
        ObjectNode page = LabJson.object();
        ArrayNode value = page.putArray("value");
        for (FoundrySpec.Connection connection : foundry.connections()) {
            if (type.isPresent() && !type.get().equalsIgnoreCase(connection.type())) {
                continue;
            }
            if (defaultsOnly && !connection.isDefault()) {
                continue;
            }
            value.add(json.render(connection, false));
        }
        page.putNull("nextLink");
        exchange.json(200, page);
    }

    private void one(LabExchange exchange, String name, boolean withSecrets) throws IOException {
        Optional<FoundrySpec.Connection> connection = foundry.connection(name);
        if (connection.isEmpty()) {
            ProjectErrors.connectionNotFound(name).send(exchange);
            return;
        }
        exchange.json(200, json.render(connection.get(), withSecrets));
    }
}
