package io.aoailab.roles;

/**
 * A service the RBAC matrix calls, and how it answers a token whose principal lacks the role: Azure OpenAI and
 * Foundry with <b>401</b> {@code PermissionDenied} naming the data action (learn.microsoft.com/azure/ai-foundry/openai/
 * how-to/role-based-access-control, troubleshooting: "401 ... PermissionDenied"), Storage with <b>403</b>
 * {@code AuthorizationPermissionMismatch} (learn.microsoft.com/rest/api/storageservices/blob-service-error-codes), Search
 * with <b>403</b> and an empty error code (learn.microsoft.com/azure/search/search-security-rbac).
 */
public enum Service {
    AZURE_OPENAI("Azure OpenAI", 401, "PermissionDenied"),
    FOUNDRY("the Foundry project", 401, "PermissionDenied"),
    STORAGE("Storage", 403, "AuthorizationPermissionMismatch"),
    SEARCH("AI Search", 403, "");

    private final String displayName;
    private final int denialStatus;
    private final String denialCode;

    Service(String displayName, int denialStatus, String denialCode) {
        this.displayName = displayName;
        this.denialStatus = denialStatus;
        this.denialCode = denialCode;
    }

    public String displayName() {
        return displayName;
    }

    /** The status it answers a principal without the role. */
    public int denialStatus() {
        return denialStatus;
    }

    /** The error code of that answer; empty for Search, whose denial carries none. */
    public String denialCode() {
        return denialCode;
    }

    /** The denial as the matrix shows it, e.g. {@code 401 PermissionDenied}. */
    public String denial() {
        return denialCode.isEmpty() ? Integer.toString(denialStatus) : denialStatus + " " + denialCode;
    }
}
