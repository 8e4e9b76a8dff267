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
                        "no circuit breaker on 429"));
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
