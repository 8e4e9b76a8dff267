package io.aoailab.lab.openai;

/**
 * How a Foundry project serves its parent AIServices account's Responses API (docs/azure-facts.md §3.4, §4.2, §5.1):
 * below {@code /api/projects/<project>}, with tokens for {@code https://ai.azure.com}, authorized with the
 * {@code AIServices} data actions at the <em>project's</em> scope, and PermissionDenied pointing at
 * aka.ms/FoundryPermissions. A role on the project reaches this surface; it does not reach the account's own
 * {@code /openai/...} routes (a separate, account-scoped surface).
 *
 * @param pathPrefix e.g. {@code /api/projects/proj-aoai-lab}
 * @param scope the project's ARM id
 */
public record ProjectSurface(String pathPrefix, String scope) {
    static final String AUDIENCE = "https://ai.azure.com";
    // the project route's data actions live under AIServices, not OpenAI (docs/azure-facts.md §4.2, OBSERVED-3P)
    static final String DATA_ACTION_PREFIX = "Microsoft.CognitiveServices/accounts/AIServices/";
    static final String PERMISSIONS_HINT = " For instructions on granting the necessary permissions, see"
            + " https://aka.ms/FoundryPermissions.";

    String dataAction(String openAiDataAction) {
        return openAiDataAction.replace("Microsoft.CognitiveServices/accounts/OpenAI/", DATA_ACTION_PREFIX);
    }

    String template(String accountTemplate) {
        int space = accountTemplate.indexOf(' ');
        return accountTemplate.substring(0, space + 1) + "/api/projects/{projectName}" + accountTemplate.substring(space + 1);
    }
}
