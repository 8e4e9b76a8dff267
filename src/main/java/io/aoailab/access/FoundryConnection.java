package io.aoailab.access;

import com.azure.ai.projects.AIProjectClientBuilder;
import com.azure.ai.projects.ConnectionsClient;
import com.azure.ai.projects.models.ApiKeyCredentials;
import com.azure.ai.projects.models.Connection;
import com.azure.ai.projects.models.ConnectionType;
import com.azure.ai.projects.models.CredentialType;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.access.AccessPath.ExpectedEndpoint;
import io.aoailab.config.Secret;
import io.aoailab.report.Redactor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Resolves one of the Foundry project's Azure OpenAI connections with azure-ai-projects 1.0.0-beta.2's own
 * {@link ConnectionsClient}, following {@code InferenceClient.getOpenAIClient()} step for step
 * (docs/azure-facts.md §5.4): get the connection with its credentials, require type {@code AzureOpenAI}, take its
 * target without the trailing {@code /}, and call it with the connection's key ({@code api-key}) or, for an Entra
 * connection, the caller's token for {@code https://cognitiveservices.azure.com/.default}.
 *
 * <p>Where the SDK throws a bare {@code IllegalArgumentException}, this says what the project lacks: a deployment
 * whose project cannot give the suite a connection fails the cases that use it with the reason. Which connections
 * there are comes from {@code EXPECTED_FOUNDRY_CONNECTIONS}, or else from the project's own list
 * ({@link #azureOpenAiConnections}): every one of them is exercised, not only the default.
 */
final class FoundryConnection {
    static final String INTENT_KEY = "EXPECTED_FOUNDRY_CONNECTIONS";

    private final URI project;
    private final String name;
    private final ProjectConnections connections;
    private final Redactor redactor;
    private final Supplier<Resolved> resolved = AccessPath.memoized(this::lookUp);

    FoundryConnection(URI project, String name, TokenCredential credential, HttpClient http, CallCapture capture,
            Redactor redactor) {
        this.project = project;
        this.name = name;
        this.redactor = redactor;
        this.connections = new ProjectConnections(project, credential, http, capture);
    }

    String name() {
        return name;
    }

    /**
     * The names of the project's Azure OpenAI connections, as the project lists them.
     *
     * @throws AssertionError naming the project and what it answered, when it cannot list them or has none
     */
    static List<String> azureOpenAiConnections(URI project, TokenCredential credential, HttpClient http,
            CallCapture capture, Redactor redactor) {
        ProjectConnections connections = new ProjectConnections(project, credential, http, capture);
        List<Connection> all;
        try {
            all = connections.call(c -> c.listConnections().stream().toList());
        } catch (RuntimeException e) {
            throw new AssertionError(String.format("%nExpecting the Foundry project %s to list its connections,%nbut"
                    + " it refused: %s", project, redactor.redact(String.valueOf(e.getMessage()))), e);
        }
        List<String> names = all.stream().filter(c -> ConnectionType.AZURE_OPEN_AI.equals(c.getType()))
                .map(Connection::getName).toList();
        if (names.isEmpty()) {
            throw new AssertionError(String.format("%nExpecting the Foundry project %s to have Azure OpenAI"
                    + " connections,%nbut it has none. Its connections: %s.%nConnect the project to the deployment's"
                    + " Azure OpenAI resources.", project, describe(all)));
        }
        return names;
    }

    /**
     * The connection as the SDK would use it.
     *
     * @param name the connection's name
     * @param target its target, without the trailing {@code /} (as the SDK strips it)
     * @param apiKey the connection's key when its credentials are an API key; empty for Entra ID
     */
    record Resolved(String name, URI target, Optional<Secret> apiKey) {

        /**
         * The region expected behind the connection: that of the configured endpoint it targets. Hosts identify
         * Azure resources; where several endpoints share a host (a standalone lab on 127.0.0.1) the port decides.
         */
        String expectedRegionAmong(List<ExpectedEndpoint> endpoints, Optional<String> intendedRegion) {
            List<ExpectedEndpoint> sameHost = endpoints.stream()
                    .filter(e -> e.endpoint().getHost().equalsIgnoreCase(target.getHost())).toList();
            List<ExpectedEndpoint> matching = sameHost.size() <= 1 ? sameHost
                    : sameHost.stream().filter(e -> port(e.endpoint()) == port(target)).toList();
            if (matching.size() != 1) {
                throw new AssertionError(String.format("%nExpecting the Foundry connection '%s' to target one of the"
                        + " configured Azure OpenAI endpoints:%n  %s%nbut it targets %s.%nThe project's connections"
                        + " must point at the deployment's own Azure OpenAI resources.", name,
                        endpoints.stream().map(e -> e.key() + "=" + e.endpoint() + " (" + e.region() + ")")
                                .collect(Collectors.joining("\n  ")), target));
            }
            ExpectedEndpoint targeted = matching.get(0);
            if (intendedRegion.isPresent() && !intendedRegion.get().equals(targeted.region())) {
                throw new AssertionError(String.format("%nExpecting the Foundry connection '%s' to reach %s (%s),%nbut"
                        + " it targets %s, which is %s (%s).", name, intendedRegion.get(), INTENT_KEY, target,
                        targeted.key(), targeted.region()));
            }
            return targeted.region();
        }

        private static int port(URI uri) {
            return uri.getPort() == -1 ? 443 : uri.getPort();
        }
    }

    /** The connection, looked up on the first call; a failed look-up is tried again by the next caller. */
    Resolved resolve() {
        return resolved.get();
    }

    private Resolved lookUp() {
        Connection connection;
        try {
            connection = connections.call(c -> c.getConnection(name, true));
        } catch (ResourceNotFoundException e) {
            throw new AssertionError(String.format("%nExpecting the Foundry project %s to have the connection '%s',"
                    + "%nbut it answered %d: %s%nIts connections: %s.%nAdd the connection to the project, or correct"
                    + " %s.", project, name, e.getResponse().getStatusCode(), redactor.redact(e.getMessage()),
                    inventory(connections), INTENT_KEY), e);
        }
        if (!ConnectionType.AZURE_OPEN_AI.equals(connection.getType())) {
            // the SDK's own words for this case are "The connection is not of type OPENAI."
            throw new AssertionError(String.format("%nExpecting the Foundry connection '%s' to be of type AzureOpenAI,"
                    + "%nbut it is of type %s: azure-ai-projects refuses it (\"The connection is not of type OPENAI.\")."
                    + "%nIts connections: %s.", name, connection.getType(), inventory(connections)));
        }
        URI target = URI.create(connection.getTarget().endsWith("/")
                ? connection.getTarget().substring(0, connection.getTarget().length() - 1) : connection.getTarget());
        CredentialType kind = connection.getCredentials() == null ? CredentialType.NONE
                : connection.getCredentials().getType();
        if (CredentialType.API_KEY.equals(kind)) {
            String key = ((ApiKeyCredentials) connection.getCredentials()).getApiKey();
            redactor.registerSecret(key);
            return new Resolved(name, target, Optional.of(Secret.of(key)));
        }
        if (CredentialType.ENTRA_ID.equals(kind)) {
            return new Resolved(name, target, Optional.empty());
        }
        throw new AssertionError(String.format("%nExpecting the Foundry connection '%s' to authenticate with an API key"
                + " or Entra ID,%nbut its credentials are of type %s, which azure-ai-projects refuses (\"Unsupported"
                + " credential type for OpenAI connection.\").", name, kind));
    }

    // for the failure message only: what the project does have
    private static String inventory(ProjectConnections connections) {
        try {
            return describe(connections.call(c -> c.listConnections().stream().toList()));
        } catch (RuntimeException e) {
            return "(could not be listed: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static String describe(List<Connection> connections) {
        List<String> all = connections.stream()
                .map(c -> c.getName() + " (" + c.getType() + (c.isDefault() ? ", default" : "") + ")").toList();
        return all.isEmpty() ? "none" : String.join(", ", all);
    }
}
