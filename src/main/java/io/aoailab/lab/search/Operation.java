package io.aoailab.lab.search;

/**
 * The data-plane operations the lab serves, with the permission each needs from an Entra principal.
 *
 * <p>Document operations need <em>data actions</em> under {@code Microsoft.Search/searchServices/indexes/documents/}
 * (the data actions of Search Index Data Reader and Contributor, docs/azure-facts.md §4.1), authorized at the index's
 * ARM id, so assignments at the index, the service, the resource group or the subscription all reach them
 * (MicrosoftDocs/azure-ai-docs search-security-rbac.md, "Grant access to a single index", PRIMARY).
 *
 * <p>Reading index definitions — listing indexes included — is <em>not</em> a data action: the same page says Search
 * Index Data Reader "doesn't support GET or LIST operations on an index", that "listing the indexes on a search service
 * is considered an administrative right", and builds a custom role that adds the <b>action</b>
 * {@code Microsoft.Search/searchServices/indexes/read} to let a reader list indexes. Search Service Contributor,
 * Owner, Contributor and Reader have it (their Actions in {@link io.aoailab.lab.rbac.RoleCatalog}).
 */
enum Operation {
    LIST_INDEXES("GET", Permission.action(Operation.INDEXES_READ)),
    GET_INDEX("GET", Permission.action(Operation.INDEXES_READ)),
    SEARCH_GET("GET", Permission.data(Operation.DOCUMENTS + "read")),
    SEARCH_POST("POST", Permission.data(Operation.DOCUMENTS + "read")),
    LOOKUP("GET", Permission.data(Operation.DOCUMENTS + "read")),
    COUNT("GET", Permission.data(Operation.DOCUMENTS + "read")),
    /** Needs {@code documents/write} for upload/merge/mergeOrUpload and {@code documents/delete} for delete. */
    INDEX_DOCUMENTS("POST", Permission.data(Operation.DOCUMENTS + "write"));

    static final String DOCUMENTS = "Microsoft.Search/searchServices/indexes/documents/";
    static final String DOCUMENTS_READ = DOCUMENTS + "read";
    static final String DOCUMENTS_WRITE = DOCUMENTS + "write";
    static final String DOCUMENTS_DELETE = DOCUMENTS + "delete";
    static final String INDEXES_READ = "Microsoft.Search/searchServices/indexes/read";

    private final String method;
    private final Permission permission;

    Operation(String method, Permission permission) {
        this.method = method;
        this.permission = permission;
    }

    String method() {
        return method;
    }

    Permission permission() {
        return permission;
    }

    /**
     * Whether a query key may do it: "read-only access, scoped to the documents collection"
     * (search-security-api-keys.md).
     */
    boolean readsDocuments() {
        return permission.dataAction() && permission.name().equals(DOCUMENTS_READ);
    }

    /**
     * @param name the action's name
     * @param dataAction whether it is a data action (RBAC {@code DataActions}) or a control-plane action
     *                   ({@code Actions})
     */
    record Permission(String name, boolean dataAction) {
        static Permission data(String name) {
            return new Permission(name, true);
        }

        static Permission action(String name) {
            return new Permission(name, false);
        }
    }
}
