package io.aoailab.roles;

import java.util.List;

/**
 * The operations of the RBAC matrix: what a persona tries on each part of the deployment, the permissions each needs
 * (docs/azure-facts.md §4, §5), the resource it acts on, and the role of the minimum set that grants it.
 */
public enum Operation {
    RESPONSES("create a response", Service.AZURE_OPENAI, Scope.Level.OPENAI, "Cognitive Services OpenAI User",
            Permission.data("Microsoft.CognitiveServices/accounts/OpenAI/responses/write")),
    FILE_SEARCH("run file_search", Service.AZURE_OPENAI, Scope.Level.OPENAI, "Cognitive Services OpenAI User",
            Permission.data("Microsoft.CognitiveServices/accounts/OpenAI/responses/write"),
            Permission.data("Microsoft.CognitiveServices/accounts/OpenAI/assistants/vector_stores/read")),
    PROJECT_RESPONSES("create a response through the Foundry project", Service.FOUNDRY, Scope.Level.PROJECT, "Azure AI User",
            Permission.data("Microsoft.CognitiveServices/accounts/AIServices/responses/write")),
    CONNECTIONS_LIST("list the Foundry project's connections", Service.FOUNDRY, Scope.Level.PROJECT, "Azure AI User",
            Permission.data("Microsoft.CognitiveServices/accounts/AIServices/connections/read")),
    BLOB_LIST("list blobs in the BYO container", Service.STORAGE, Scope.Level.CONTAINER, "Storage Blob Data Reader",
            Permission.data("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read")),
    BLOB_READ("read a blob in the BYO container", Service.STORAGE, Scope.Level.CONTAINER, "Storage Blob Data Reader",
            Permission.data("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read")),
    BLOB_WRITE("write a blob in the BYO container", Service.STORAGE, Scope.Level.CONTAINER, "Storage Blob Data Contributor",
            Permission.data("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write")),
    BLOB_DELETE("delete a blob in the BYO container", Service.STORAGE, Scope.Level.CONTAINER, "Storage Blob Data Contributor",
            Permission.data("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete")),
    SEARCH_QUERY("query the index", Service.SEARCH, Scope.Level.INDEX, "Search Index Data Reader",
            Permission.data("Microsoft.Search/searchServices/indexes/documents/read")),
    // listing indexes is an administrative right, an Action not a data action (search-security-rbac)
    INDEX_LIST("list the search service's indexes", Service.SEARCH, Scope.Level.SEARCH, "Reader",
            Permission.action("Microsoft.Search/searchServices/indexes/read"));

    private final String sentence;
    private final Service service;
    private final Scope.Level resource;
    private final String leastRole;
    private final List<Permission> needs;

    Operation(String sentence, Service service, Scope.Level resource, String leastRole, Permission... needs) {
        this.sentence = sentence;
        this.service = service;
        this.resource = resource;
        this.leastRole = leastRole;
        this.needs = List.of(needs);
    }

    /** What the persona tries, e.g. "write a blob in the BYO container"; account operations add the account. */
    public String sentence() {
        return sentence;
    }

    public Service service() {
        return service;
    }

    /** The level of the resource it acts on; {@link Scope.Level#OPENAI} operations run on every account. */
    public Scope.Level resource() {
        return resource;
    }

    /** Every permission it needs. */
    public List<Permission> needs() {
        return needs;
    }

    /** The built-in role with the fewest rights that grants it, which the guide recommends. */
    public BuiltInRole leastRole() {
        return BuiltInRoles.named(leastRole);
    }
}
