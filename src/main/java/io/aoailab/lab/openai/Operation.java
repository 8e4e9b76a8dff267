package io.aoailab.lab.openai;

/**
 * What a request asks the account to do, with the RBAC data action Azure checks for it (docs/azure-facts.md §4.2) and the
 * operation name used in throttling messages (§3.5: only {@code Responses_Create} has been seen on the wire; the
 * other names follow the same pattern and are UNCONFIRMED).
 */
enum Operation {
    CREATE("POST", "", "write", "Responses_Create"),
    GET("GET", "/{response_id}", "read", "Responses_Get"),
    DELETE("DELETE", "/{response_id}", "delete", "Responses_Delete"),
    LIST_INPUT_ITEMS("GET", "/{response_id}/input_items", "read", "Responses_ListInputItems");

    private static final String DATA_ACTION_PREFIX = "Microsoft.CognitiveServices/accounts/OpenAI/responses/";

    private final String method;
    private final String pathSuffix;
    private final String action;
    private final String operationName;

    Operation(String method, String pathSuffix, String action, String operationName) {
        this.method = method;
        this.pathSuffix = pathSuffix;
        this.action = action;
        this.operationName = operationName;
    }

    String method() {
        return method;
    }

    /** e.g. {@code Microsoft.CognitiveServices/accounts/OpenAI/responses/write} (docs/azure-facts.md §4.2). */
    String dataAction() {
        return DATA_ACTION_PREFIX + action;
    }

    String operationName() {
        return operationName;
    }

    /** The route template PermissionDenied names (docs/azure-facts.md §3.4), e.g. {@code GET /openai/responses/{response_id}}. */
    String template(Surface surface) {
        return method + " " + surface.prefix() + "/responses" + pathSuffix;
    }
}
