package io.aoailab.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the deployment under test answers. For the live target these come from configuration; for the lab target
 * the embedded lab reports them once it has started.
 *
 * @param openai the regional Azure OpenAI endpoints, in configuration order ({@code OPENAI_ENDPOINT_1}, {@code _2})
 * @param apimGateway the APIM API base URL, if the deployment has one
 * @param apimSubscriptionKey the key for {@code apimGateway}
 * @param apimSuspendedSubscriptionKey the key of a suspended subscription, which the gateway must refuse, if configured
 * @param foundryProject the Foundry project endpoint, if configured
 * @param storageBlob the BYO storage account's blob endpoint, if configured
 * @param storageContainer the BYO container the RBAC scenario reads and writes, if configured
 * @param aiSearch the AI Search endpoint, if configured
 * @param aiSearchIndex the AI Search index the grounded scenarios use, if configured
 * @param vectorStoreId the vector store of the regional accounts the file_search case searches, if configured
 * @param foundryVectorStoreId the vector store of the Foundry resource, which file_search on the project's own surface
 *        searches, if configured
 * @param accountKeys an account key per Azure OpenAI endpoint, where one is configured: only to check that key auth
 *        is refused
 */
public record DeploymentEndpoints(
        List<URI> openai,
        Optional<URI> apimGateway,
        Optional<Secret> apimSubscriptionKey,
        Optional<Secret> apimSuspendedSubscriptionKey,
        Optional<URI> foundryProject,
        Optional<URI> storageBlob,
        Optional<String> storageContainer,
        Optional<URI> aiSearch,
        Optional<String> aiSearchIndex,
        Optional<String> vectorStoreId,
        Optional<String> foundryVectorStoreId,
        Map<URI, Secret> accountKeys) {

    public DeploymentEndpoints {
        openai = List.copyOf(openai);
        accountKeys = Map.copyOf(accountKeys);
    }
}
