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
                        "directly to East US with openai-java: a response is completed"));
    }
}
