package io.aoailab.catalog;

import io.aoailab.scenarios.ScenarioSuites;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The catalog of broken deployments the suite must catch: each a lab variant of the shipped topology broken in one
 * way seen in real deployments, with the test that must fail and what it must say.
 */
final class BrokenDeployments {
    private BrokenDeployments() {
    }

    static List<BrokenDeployment> all() {
        return List.of(
                new BrokenDeployment("an APIM policy that does not pin follow-ups to the creating region",
                        yaml -> yaml.replace("openai-load-balancer.xml", "openai-load-balancer-simple.xml"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RESPONSES,
                        "through APIM with azure-ai-openai: a stored response can be retrieved listed and deleted",
                        "must be pinned to the creating region"),
                new BrokenDeployment("a region whose deployment serves another model",
                        yaml -> yaml.replaceFirst("(?s)(  - name: aoai-eus2\\n.*?model: )gpt-4o-2024-08-06",
                                "$1gpt-4o-mini-2024-07-18"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RESPONSES,
                        "directly to East US 2 with azure-ai-openai: a response is completed",
                        "to come from the intended model gpt-4o (EXPECTED_MODEL)"),
                new BrokenDeployment("a Foundry project without Azure OpenAI connections",
                        yaml -> yaml.replaceAll("(?m)^    - name: aoai-eus2?\\n      type: AzureOpenAI\\n(?:      .*\\n)+",
                                ""),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RESPONSES,
                        "through Foundry with azure-ai-openai: a response is completed", "to have Azure OpenAI connections"),
                new BrokenDeployment("Foundry connections that reach the other region than intended",
                        yaml -> yaml.replace("target: account:aoai-eus\n", "target: account:TMP\n")
                                .replace("target: account:aoai-eus2\n", "target: account:aoai-eus\n")
                                .replace("target: account:TMP\n", "target: account:aoai-eus2\n"),
                        UnaryOperator.identity(), Map.of("EXPECTED_FOUNDRY_CONNECTIONS",
                                "aoai-eus=East US,aoai-eus2=East US 2"), ScenarioSuites.RESPONSES,
                        "through Foundry connection aoai-eus with azure-ai-openai: a response is completed",
                        "to reach East US (EXPECTED_FOUNDRY_CONNECTIONS)"),
                new BrokenDeployment("an APIM policy that leaves forward-request buffering streams (its default)",
                        UnaryOperator.identity(), policy -> policy.replace(" buffer-response=\"false\"", ""),
                        Map.of(), ScenarioSuites.RESPONSES,
                        "through APIM with azure-ai-openai: a streamed reply arrives as it is generated",
                        "unless the policy sets buffer-response=\"false\""),
                new BrokenDeployment("an APIM policy whose outbound reads the body of streamed answers",
                        UnaryOperator.identity(), policy -> policy.replace(
                                " &amp;&amp; !context.Variables.GetValueOrDefault&lt;bool&gt;(\"streamed\", false)", ""),
                        Map.of(), ScenarioSuites.RESPONSES,
                        "through APIM with azure-ai-openai: a streamed reply arrives as it is generated",
                        "an outbound policy that reads the response body"),
                new BrokenDeployment("an APIM API without operations for the v1 routes",
                        yaml -> yaml.replace("routes: [dated, v1]", "routes: [dated]"), UnaryOperator.identity(),
                        Map.of(), ScenarioSuites.RESPONSES, "through APIM with openai-java: a response is completed",
                        "the gateway has no operation for POST /openai/v1/responses in its API",
                        "through APIM with azure-ai-openai: a response is completed"),
                new BrokenDeployment("accounts that retired the dated api-version the suite sends",
                        yaml -> yaml.replace("    disableLocalAuth: true\n",
                                "    disableLocalAuth: true\n    apiVersions: [2025-04-01-preview]\n"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RESPONSES,
                        "directly to East US with azure-ai-openai: a response is completed",
                        "to accept api-version 2025-03-01-preview (OPENAI_API_VERSION)",
                        "directly to East US with openai-java: a response is completed"),
                new BrokenDeployment("APIM pool weights of 80/20 where 50/50 is intended",
                        yaml -> weights(yaml, 80, 20), UnaryOperator.identity(), Map.of(), ScenarioSuites.LOAD_BALANCING,
                        SPREADS, "to spread its answers as EXPECTED_POOL_WEIGHTS says"),
                new BrokenDeployment("a pool member with weight 0",
                        yaml -> weights(yaml, 50, 0), UnaryOperator.identity(), Map.of(), ScenarioSuites.LOAD_BALANCING,
                        SPREADS, "East US 2 answered through the pool far less than intended; its own endpoint answers"
                                + " 200, so it is up"),
                new BrokenDeployment("a pool without the East US 2 member",
                        yaml -> yaml.replace(
                                "        - backend: aoai-eus2\n          weight: 50\n          priority: 1\n", ""),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.LOAD_BALANCING, SPREADS,
                        "East US 2 answered through the pool far less than intended; its own endpoint answers 200,"
                                + " so it is up"),
                new BrokenDeployment("an APIM policy without retry",
                        UnaryOperator.identity(), policy -> policy.replaceAll("(?s)<retry .*?first-fast-retry=\"true\">", "")
                                .replace("</retry>", ""),
                        Map.of(), ScenarioSuites.LOAD_BALANCING, THROTTLED,
                        "The gateway did not retry it on another pool member: its retry does not cover 429"),
                new BrokenDeployment("an APIM policy that retries on 5xx only",
                        UnaryOperator.identity(), policy -> policy.replace("context.Response.StatusCode == 429 || ", ""),
                        Map.of(), ScenarioSuites.LOAD_BALANCING, THROTTLED,
                        "The gateway did not retry it on another pool member: its retry does not cover 429"),
                new BrokenDeployment("pool members without circuit breakers",
                        yaml -> yaml.replaceAll("(?m)^      circuitBreaker:\n(?:        .*\n)+", ""),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.LOAD_BALANCING, THROTTLED,
                        "no circuit breaker on 429"),
                new BrokenDeployment("circuit breakers that ignore 429",
                        yaml -> yaml.replace("statusCodeRanges: [[429, 429], [500, 599]]", "statusCodeRanges: [[500, 599]]"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.LOAD_BALANCING, THROTTLED,
                        "no circuit breaker on 429"),
                new BrokenDeployment("the minimum persona without Cognitive Services OpenAI User on East US's account",
                        yaml -> without(yaml, "minimum", "Cognitive Services OpenAI User", "account:aoai-eus"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RBAC,
                        MATRIX + "create a response on East US: allowed",
                        "Expecting persona 'minimum' to be allowed to create a response on East US … " + MISSING),
                new BrokenDeployment("the minimum persona without Azure AI User on the project",
                        yaml -> without(yaml, "minimum", "Azure AI User", "project"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RBAC,
                        MATRIX + "list the Foundry project's connections: allowed",
                        "Expecting persona 'minimum' to be allowed to list the Foundry project's connections … " + MISSING),
                new BrokenDeployment("the minimum persona without Storage Blob Data Contributor on the container",
                        yaml -> without(yaml, "minimum", "Storage Blob Data Contributor", "container:stlabbyo/docs"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RBAC,
                        MATRIX + "write a blob in the BYO container: allowed",
                        "Expecting persona 'minimum' to be allowed to write a blob in the BYO container … " + MISSING),
                new BrokenDeployment("the minimum persona without Search Index Data Reader on the index",
                        yaml -> without(yaml, "minimum", "Search Index Data Reader", "index:srch-aoai-lab/docs-index"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RBAC, MATRIX + "query the index: allowed",
                        "Expecting persona 'minimum' to be allowed to query the index … " + MISSING),
                new BrokenDeployment("an over-broad grant: no-role holds Cognitive Services OpenAI User",
                        yaml -> grant(yaml, "no-role", "Cognitive Services OpenAI User", "resourceGroup"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RBAC,
                        MATRIX + "create a response on East US 2: denied",
                        "Expecting persona 'no-role' to be denied to create a response on East US 2 … The grant is over-broad"),
                new BrokenDeployment("Contributor in place of the minimum persona's data roles",
                        yaml -> grant(withoutAll(yaml, "minimum"), "minimum", "Contributor", "resourceGroup"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RBAC,
                        MATRIX + "read a blob in the BYO container: allowed",
                        "Expecting persona 'minimum' to be allowed to read a blob in the BYO container … " + MISSING),
                new BrokenDeployment("East US's managed identity without Storage Blob Data Reader",
                        yaml -> without(yaml, "aoai-eus-identity", "Storage Blob Data Reader", "storage:stlabbyo"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RBAC,
                        MATRIX + "run file_search on East US: allowed", "the account's own managed identity",
                        "run file_search on East US 2: allowed"),
                new BrokenDeployment("East US 2's managed identity without Search Index Data Reader",
                        yaml -> without(yaml, "aoai-eus2-identity", "Search Index Data Reader", "search:srch-aoai-lab"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RBAC,
                        MATRIX + "run file_search on East US 2: allowed", "the account's own managed identity",
                        "run file_search on East US: allowed"),
                new BrokenDeployment("key auth enabled on the East US account",
                        yaml -> yaml.replaceFirst("(  - name: aoai-eus\n    region: East US\n    disableLocalAuth:) true",
                                "$1 false"),
                        UnaryOperator.identity(), Map.of(), ScenarioSuites.RBAC,
                        "each account treats its own keys as intended > East US: its key is refused",
                        "Key auth is enabled on that account", "East US 2: its key is refused"));
    }

    private static final String MATRIX = "each persona is allowed exactly what its intended roles grant > ";
    private static final String MISSING = "The grant is missing";

    // the topology's role assignments, one entry each: "  - principal: <p>\n    role: <r>\n    scope: <s>\n"
    private static String without(String yaml, String principal, String role, String scope) {
        return yaml.replace(assignment(principal, role, scope), "");
    }

    private static String withoutAll(String yaml, String principal) {
        return yaml.replaceAll("(?m)^  - principal: " + principal + "\n    role: .*\n    scope: .*\n", "");
    }

    private static String grant(String yaml, String principal, String role, String scope) {
        return yaml.replace("roleAssignments:\n", "roleAssignments:\n" + assignment(principal, role, scope));
    }

    private static String assignment(String principal, String role, String scope) {
        return "  - principal: " + principal + "\n    role: " + role + "\n    scope: " + scope + "\n";
    }

    private static final String SPREADS = "through APIM with azure-ai-openai: the pool spreads its answers as the"
            + " intended weights say";
    private static final String THROTTLED = "through APIM with azure-ai-openai: a throttled region is served around"
            + " left alone until its retry after and taken back";

    // the shipped pool's two members, East US then East US 2, with other weights
    private static String weights(String yaml, int eastUs, int eastUs2) {
        return yaml
                .replace("        - backend: aoai-eus\n          weight: 50\n", "        - backend: aoai-eus\n          weight: "
                        + eastUs + "\n")
                .replace("        - backend: aoai-eus2\n          weight: 50\n", "        - backend: aoai-eus2\n          weight: "
                        + eastUs2 + "\n");
    }
}
