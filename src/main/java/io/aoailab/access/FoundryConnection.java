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
 * Resolves the Foundry path's Azure OpenAI connection with azure-ai-projects 1.0.0-beta.2's own
 * {@link ConnectionsClient}, following {@code InferenceClient.getOpenAIClient()} step for step
 * (docs/azure-facts.md §5.4): get the connection with its credentials, require type {@code AzureOpenAI}, take its
 * target without the trailing {@code /}, and call it with the connection's key ({@code api-key}) or, for an Entra
 * connection, the caller's token for {@code https://cognitiveservices.azure.com/.default}.
 *
 * <p>Where the SDK throws a bare {@code IllegalArgumentException}, this says what the project lacks: a deployment
 * whose project cannot give the suite its connection fails the cases that use it with the reason.
 * Without a configured name, the project's default Azure OpenAI connection is used, as the Python SDK's earlier
 * {@code get_azure_openai_client()} did (§5.3); the Java SDK has no such default and needs a name.
 */
final class FoundryConnection {
    static final String NAME_KEY = "AI_FOUNDRY_OPENAI_CONNECTION";

    private final URI project;
    private final Optional<String> name;
    private final AIProjectClientBuilder builder;
    private final Supplier<Resolved> resolved = AccessPath.memoized(this::lookUp);

    FoundryConnection(URI project, Optional<String> name, TokenCredential credential, HttpClient http,
            CallCapture capture) {
        this.project = project;
        this.name = name;
        this.builder = new AIProjectClientBuilder().endpoint(project.toString().replaceAll("/+$", ""))
                .credential(credential).httpClient(http).addPolicy(capture)
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
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
        String expectedRegionAmong(List<ExpectedEndpoint> endpoints) {
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
            return matching.get(0).region();
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
        ConnectionsClient connections = builder.buildConnectionsClient();
        String chosen = name.orElseGet(() -> defaultName(connections));
        Connection connection;
        try {
            connection = connections.getConnection(chosen, true);
        } catch (ResourceNotFoundException e) {
            throw new AssertionError(String.format("%nExpecting the Foundry project %s to have the connection '%s'"
                    + " (%s),%nbut it answered %d: %s%nIts connections: %s.%nAdd the connection to the project, or set"
                    + " %s to one it has.", project, chosen, NAME_KEY, e.getResponse().getStatusCode(),
                    Redactor.get().redact(e.getMessage()), inventory(connections), NAME_KEY), e);
        }
        if (!ConnectionType.AZURE_OPEN_AI.equals(connection.getType())) {
            // the SDK's own words for this case are "The connection is not of type OPENAI."
            throw new AssertionError(String.format("%nExpecting the Foundry connection '%s' to be of type AzureOpenAI,"
                    + "%nbut it is of type %s: azure-ai-projects refuses it (\"The connection is not of type OPENAI.\")."
                    + "%nSet %s to an Azure OpenAI connection of the project: %s.", chosen, connection.getType(),
                    NAME_KEY, inventory(connections)));
        }
        URI target = URI.create(connection.getTarget().endsWith("/")
                ? connection.getTarget().substring(0, connection.getTarget().length() - 1) : connection.getTarget());
        CredentialType kind = connection.getCredentials() == null ? CredentialType.NONE
                : connection.getCredentials().getType();
        if (CredentialType.API_KEY.equals(kind)) {
            String key = ((ApiKeyCredentials) connection.getCredentials()).getApiKey();
            Redactor.get().registerSecret(key);
            return new Resolved(chosen, target, Optional.of(Secret.of(key)));
        }
        if (CredentialType.ENTRA_ID.equals(kind)) {
            return new Resolved(chosen, target, Optional.empty());
        }
        throw new AssertionError(String.format("%nExpecting the Foundry connection '%s' to authenticate with an API key"
                + " or Entra ID,%nbut its credentials are of type %s, which azure-ai-projects refuses (\"Unsupported"
                + " credential type for OpenAI connection.\").", chosen, kind));
    }

    private String defaultName(ConnectionsClient connections) {
        Connection found = connections.getDefaultConnection(ConnectionType.AZURE_OPEN_AI, false);
        if (found == null) {
            throw new AssertionError(String.format("%nExpecting the Foundry project %s to have a default Azure OpenAI"
                    + " connection (%s is not set),%nbut it has none. Its connections: %s.%nConnect the project to"
                    + " the Azure OpenAI resources, or set %s to the connection to use.", project, NAME_KEY,
                    inventory(connections), NAME_KEY));
        }
        return found.getName();
    }

    // for the failure message only: what the project does have
    private static String inventory(ConnectionsClient connections) {
        try {
            List<String> all = connections.listConnections().stream()
                    .map(c -> c.getName() + " (" + c.getType() + (c.isDefault() ? ", default" : "") + ")").toList();
            return all.isEmpty() ? "none" : String.join(", ", all);
        } catch (RuntimeException e) {
            return "(could not be listed: " + e.getClass().getSimpleName() + ")";
        }
    }
}
