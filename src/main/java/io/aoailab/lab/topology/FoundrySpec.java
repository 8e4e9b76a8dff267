package io.aoailab.lab.topology;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The AI Foundry resource: an AIServices account with a project, whose connections point at the deployment's
 * other resources (docs/azure-facts.md §5).
 *
 * @param account the AIServices account; its hosts are {@code <account>.services.ai.azure.com} (projects),
 *                {@code <account>.openai.azure.com} and {@code <account>.cognitiveservices.azure.com}
 * @param region its region's display name
 * @param deployments the model deployments of the account itself (what the project's {@code /openai/v1} serves)
 * @param project the project's name: the endpoint is {@code https://<account>.services.ai.azure.com/api/projects/<project>}
 * @param connections the project's connections
 * @param identity the account's system-assigned managed identity (a ManagedIdentity principal), if enabled: its
 *                 {@code file_search} reads the BYO storage and search as it
 * @param vectorStores the account's own vector stores, which the project's surface searches: a vector store belongs
 *                 to the resource it was created on, so the regional accounts' stores are not among them
 */
public record FoundrySpec(
        @JsonProperty(required = true) String account,
        @JsonProperty(required = true) String region,
        List<Topology.Deployment> deployments,
        @JsonProperty(required = true) String project,
        List<Connection> connections,
        String identity,
        List<VectorStoreSpec> vectorStores) {

    public FoundrySpec {
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        connections = connections == null ? List.of() : List.copyOf(connections);
        vectorStores = vectorStores == null ? List.of() : List.copyOf(vectorStores);
    }

    /** The AIServices account as an Azure OpenAI account: its deployments, identity and vector stores. */
    public Topology.Account openAiAccount() {
        return new Topology.Account(account, region, false, deployments, identity, vectorStores, null);
    }

    /** This resource with other project connections. */
    public FoundrySpec withConnections(List<Connection> others) {
        return new FoundrySpec(account, region, deployments, project, others, identity, vectorStores);
    }

    public String projectHostName() {
        return account + ".services.ai.azure.com";
    }

    public Optional<Connection> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * A project connection (docs/azure-facts.md §5.2).
     *
     * @param name the connection name
     * @param type {@code AzureOpenAI}, {@code CognitiveSearch} or {@code AzureBlob}
     * @param target the resource it points at: {@code account:<name>}, {@code search:<name>} or {@code storage:<name>}
     * @param authType {@code AAD} (the caller's Entra token) or {@code ApiKey} (the resource's key, returned by
     *                 "get with credentials")
     * @param isDefault whether it is the default connection of its type
     */
    public record Connection(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String type,
            @JsonProperty(required = true) String target,
            @JsonProperty(required = true) String authType,
            Boolean isDefault) {

        public Connection {
            isDefault = isDefault != null && isDefault;
        }
    }
}
