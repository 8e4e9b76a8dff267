package io.aoailab.lab.topology;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The lab's <em>actual</em> deployment, read from a topology file: tenant, principals, Azure OpenAI accounts
 * with their deployments and limits, and role assignments with scopes. The lab behaves as this file says; the
 * suite never reads it to decide what to expect.
 *
 * @param subscriptionId the subscription every resource lives in
 * @param resourceGroup the resource group every resource lives in
 * @param tenant the Entra tenant
 * @param principals the identities: service principals (callers, personas) and managed identities (APIM)
 * @param defaultCaller the principal the suite calls as by default
 * @param accounts the Azure OpenAI accounts
 * @param roleAssignments who holds which role at which scope
 * @param apim the API Management gateway in front of the accounts, if the deployment has one
 * @param storage storage accounts (the BYO storage)
 * @param search AI Search services
 * @param foundry the AI Foundry resource and its project, if the deployment has one
 */
public record Topology(
        @JsonProperty(required = true) String subscriptionId,
        @JsonProperty(required = true) String resourceGroup,
        @JsonProperty(required = true) Tenant tenant,
        @JsonProperty(required = true) List<Principal> principals,
        @JsonProperty(required = true) String defaultCaller,
        @JsonProperty(required = true) List<Account> accounts,
        List<Assignment> roleAssignments,
        ApimSpec apim,
        List<StorageSpec> storage,
        List<SearchSpec> search,
        FoundrySpec foundry) {

    public Topology {
        principals = List.copyOf(principals);
        accounts = List.copyOf(accounts);
        roleAssignments = roleAssignments == null ? List.of() : List.copyOf(roleAssignments);
        storage = storage == null ? List.of() : List.copyOf(storage);
        search = search == null ? List.of() : List.copyOf(search);
    }

    public Optional<FoundrySpec> foundryResource() {
        return Optional.ofNullable(foundry);
    }

    /** The ARM id of the Foundry (AIServices) account. */
    public String foundryAccountScope(FoundrySpec spec) {
        return resourceGroupScope() + "/providers/Microsoft.CognitiveServices/accounts/" + spec.account();
    }

    /** The ARM id of the Foundry project: a child of its account, so a role here does not reach the account. */
    public String projectScope(FoundrySpec spec) {
        return foundryAccountScope(spec) + "/projects/" + spec.project();
    }

    public Optional<StorageSpec> storageAccount(String name) {
        return storage.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<SearchSpec> searchService(String name) {
        return search.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The ARM id of a storage account: the scope Storage's data actions are authorized at (or below). */
    public String storageScope(StorageSpec account) {
        return resourceGroupScope() + "/providers/Microsoft.Storage/storageAccounts/" + account.name();
    }

    /**
     * The ARM id of a blob container: the scope Storage authorizes blob data actions at, the narrowest a role can be
     * assigned at ({@code …/storageAccounts/<account>/blobServices/default/containers/<container>}, learn.microsoft.com
     * azure/storage/blobs/assign-azure-role-data-access).
     */
    public String containerScope(StorageSpec account, String container) {
        return storageScope(account) + "/blobServices/default/containers/" + container;
    }

    /** The ARM id of a search service. */
    public String searchScope(SearchSpec service) {
        return resourceGroupScope() + "/providers/Microsoft.Search/searchServices/" + service.name();
    }

    /**
     * The ARM id of a search index: the scope of "Grant access to a single index" (learn.microsoft.com
     * azure/search/search-security-rbac), {@code …/searchServices/<service>/indexes/<index>}.
     */
    public String indexScope(SearchSpec service, String index) {
        return searchScope(service) + "/indexes/" + index;
    }

    public Optional<ApimSpec> apimGateway() {
        return Optional.ofNullable(apim);
    }

    public Optional<Principal> principal(String name) {
        return principals.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Account> account(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The ARM id of the subscription, the root of every scope. */
    public String subscriptionScope() {
        return "/subscriptions/" + subscriptionId;
    }

    public String resourceGroupScope() {
        return subscriptionScope() + "/resourceGroups/" + resourceGroup;
    }

    /** The ARM id of an Azure OpenAI account: the scope its data actions are authorized at. */
    public String accountScope(Account account) {
        return resourceGroupScope() + "/providers/Microsoft.CognitiveServices/accounts/" + account.name();
    }

    /** @param id the tenant (directory) id, a GUID; @param domain its primary domain, for display */
    public record Tenant(@JsonProperty(required = true) String id, String domain) {
    }

    /**
     * @param name how the topology and the suite's PERSONAS refer to it
     * @param type {@code ServicePrincipal} (signs in with a client secret) or {@code ManagedIdentity}
     * @param clientId the application (client) id, a GUID
     * @param objectId the object id, a GUID; tokens carry it as {@code oid}, role assignments name it
     * @param federatedIdentityCredentials the external tokens it also signs in with (workload identity federation),
     *        as an app registration lists them under {@code federatedIdentityCredentials}; none by default
     */
    public record Principal(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) PrincipalType type,
            @JsonProperty(required = true) String clientId,
            @JsonProperty(required = true) String objectId,
            List<FederatedCredential> federatedIdentityCredentials) {

        public Principal {
            federatedIdentityCredentials = federatedIdentityCredentials == null ? List.of()
                    : List.copyOf(federatedIdentityCredentials);
        }

        /** A principal that signs in with its client secret alone, as the older topologies declare them. */
        public Principal(String name, PrincipalType type, String clientId, String objectId) {
            this(name, type, clientId, objectId, null);
        }
    }

    /**
     * A trust in tokens of an external identity provider, named as Microsoft Graph names the members of a
     * federatedIdentityCredential (learn.microsoft.com/graph/api/resources/federatedidentitycredential): an assertion
     * is accepted when its {@code iss}, {@code sub} and {@code aud} match, exactly and case-sensitively
     * (docs/azure-facts.md §9).
     *
     * @param name the credential's name, unique per principal
     * @param issuer the issuer URL, or {@value #LAB_GITHUB} for the lab's own GitHub-like issuer
     * @param subject the {@code sub} the assertion must carry, e.g. {@code repo:org/repo:ref:refs/heads/main}
     * @param audiences the {@code aud} values accepted; GitHub's recommended one is {@code api://AzureADTokenExchange}
     */
    public record FederatedCredential(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String issuer,
            @JsonProperty(required = true) String subject,
            @JsonProperty(required = true) List<String> audiences) {

        /** The keyword for the lab's GitHub-like OIDC issuer, whatever URL it issues as. */
        public static final String LAB_GITHUB = "lab-github";

        public FederatedCredential {
            audiences = List.copyOf(audiences);
        }
    }

    public enum PrincipalType { ServicePrincipal, ManagedIdentity }

    /**
     * @param name the account name; its host is {@code <name>.openai.azure.com}
     * @param region the region's display name, as Azure sends it in {@code x-ms-region}
     * @param disableLocalAuth whether key auth is refused ({@code 403 AuthenticationTypeDisabled})
     * @param deployments the model deployments it serves
     * @param identity the account's system-assigned managed identity (a ManagedIdentity principal), if enabled
     * @param vectorStores vector stores for {@code file_search}
     * @param apiVersions the dated api-versions its {@code /openai/responses} route still accepts; by default
     *        {@link #DATED_API_VERSIONS}. Azure retires previews (docs/azure-facts.md §8): a variant can too
     */
    public record Account(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String region,
            Boolean disableLocalAuth,
            @JsonProperty(required = true) List<Deployment> deployments,
            String identity,
            List<VectorStoreSpec> vectorStores,
            List<String> apiVersions) {

        /** The dated api-versions with the Responses API the lab's accounts accept unless told otherwise. */
        public static final List<String> DATED_API_VERSIONS = List.of("2025-03-01-preview", "2025-04-01-preview");

        public Account {
            disableLocalAuth = disableLocalAuth != null && disableLocalAuth;
            deployments = List.copyOf(deployments);
            vectorStores = vectorStores == null ? List.of() : List.copyOf(vectorStores);
            apiVersions = apiVersions == null ? DATED_API_VERSIONS : List.copyOf(apiVersions);
        }

        /** An account as the older topologies declare it: no identity, no vector stores. */
        public Account(String name, String region, boolean disableLocalAuth, List<Deployment> deployments) {
            this(name, region, Boolean.valueOf(disableLocalAuth), deployments, null, null, null);
        }

        public Optional<String> managedIdentity() {
            return Optional.ofNullable(identity);
        }

        public Optional<VectorStoreSpec> vectorStore(String id) {
            return vectorStores.stream().filter(v -> v.id().equals(id)).findFirst();
        }

        public Optional<Deployment> deployment(String name) {
            return deployments.stream().filter(d -> d.name().equals(name)).findFirst();
        }

        public String hostName() {
            return name + ".openai.azure.com";
        }
    }

    /**
     * @param name the deployment name callers send as {@code model}
     * @param model the model behind it, echoed in responses, e.g. {@code gpt-4o-2024-08-06}
     * @param tokensPerMinute the deployment's token rate limit
     * @param requestsPerMinute the deployment's request rate limit
     * @param streamPace how fast a streamed reply comes; {@link StreamPace#DEFAULT} when not given
     */
    public record Deployment(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String model,
            @JsonProperty(required = true) int tokensPerMinute,
            @JsonProperty(required = true) int requestsPerMinute,
            StreamPace streamPace) {

        public Deployment {
            streamPace = streamPace == null ? StreamPace.DEFAULT : streamPace;
        }

        /** A deployment streaming at the default pace. */
        public Deployment(String name, String model, int tokensPerMinute, int requestsPerMinute) {
            this(name, model, tokensPerMinute, requestsPerMinute, null);
        }
    }

    /**
     * The pace of a streamed reply: a model takes a while before its first token (time to first token), then
     * produces the others one after another, so a real stream's text deltas are spread out in time. The lab's deltas
     * are words, about one token each; the events before the first delta ({@code response.created},
     * {@code response.in_progress}, ...) go out at once, as Azure sends them as soon as the request is accepted.
     * The default is fast, so a suite stays quick, yet a reply of about 20 tokens visibly spreads over tens of
     * milliseconds; 0 and 0 stream as fast as the machine can (benchmarks).
     *
     * @param firstTokenMs milliseconds from the start of the stream to the first text delta, 0-60000
     * @param perTokenMs milliseconds between two text deltas, 0-10000
     */
    public record StreamPace(
            @JsonProperty(required = true) int firstTokenMs,
            @JsonProperty(required = true) int perTokenMs) {

        /** First token after 10 ms, then one every 2 ms. */
        public static final StreamPace DEFAULT = new StreamPace(10, 2);

        public java.time.Duration firstToken() {
            return java.time.Duration.ofMillis(firstTokenMs);
        }

        public java.time.Duration perToken() {
            return java.time.Duration.ofMillis(perTokenMs);
        }
    }

    /**
     * @param principal a principal's name
     * @param role a built-in role's name or GUID
     * @param scope {@code subscription}, {@code resourceGroup}, {@code account:<name>}, {@code foundry},
     *        {@code project}, {@code storage:<name>}, {@code container:<storage account>/<container>},
     *        {@code search:<name>}, {@code index:<search service>/<index>}, or the full ARM id of one of them
     */
    public record Assignment(
            @JsonProperty(required = true) String principal,
            @JsonProperty(required = true) String role,
            @JsonProperty(required = true) String scope) {
    }
}
