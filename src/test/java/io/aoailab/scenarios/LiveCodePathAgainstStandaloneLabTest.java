package io.aoailab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.aoailab.config.ConfigSources;
import io.aoailab.junit.DeploymentTest;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.target.lab.StandaloneLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code LAB_TARGET=live} with a standalone lab's {@code lab.env} runs the responses scenario through the suite's
 * <em>live</em> code path (DefaultAzureCredential's environment credential, configured endpoints, the extra CA):
 * what a user gets after {@code cp lab-out/lab.env .env; mvn verify}. The lab.env's keys, as the suite reads the
 * file, are given as JUnit configuration parameters, so nothing of this test's own environment is read.
 */
class LiveCodePathAgainstStandaloneLabTest {

    /** The lab.env the standalone lab writes into {@code out}, as the suite's configuration parameters. */
    private static Map<String, String> liveParameters(Lab lab, Path out) throws IOException {
        StandaloneLab.write(out, out.resolve("lab-ca.pem"), out.resolve("lab.env"), lab);
        Map<String, String> parameters = new HashMap<>();
        parameters.put(DeploymentTest.CONFIG_SOURCE_PROPERTY_NAME, DeploymentTest.CONFIG_SOURCE_PARAMETERS);
        ConfigSources.dotenvFile(out.resolve("lab.env"))
                .forEach((key, value) -> parameters.put(DeploymentTest.CONFIG_KEY_PREFIX + key, value));
        return parameters;
    }

    @Test
    void should_pass_the_responses_scenario_on_the_live_code_path(@TempDir Path out) throws IOException {
        try (Lab lab = Lab.start(LabOptions.defaults().standalone())) {
            Map<String, String> parameters = liveParameters(lab, out);

            var results = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters)
                    .selectors(selectClass(ResponsesApiIT.class)).execute();
            Events tests = results.testEvents();

            tests.assertStatistics(stats -> stats.failed(0));
            // every path with each client, the Foundry connections included (their targets are the standalone
            // lab's loopback URLs), and the project's own surface, which only openai-java calls; openai-java has no
            // dated api-version to get wrong, so one case fewer
            Map<String, Integer> atLeast = new LinkedHashMap<>();
            for (String way : List.of("directly to East US", "directly to East US 2", "through APIM",
                    "through Foundry connection aoai-eus", "through Foundry connection aoai-eus2")) {
                atLeast.put(way + " with azure-ai-openai", 7);
                atLeast.put(way + " with openai-java", 6);
            }
            atLeast.put("through the Foundry project with openai-java", 6);
            atLeast.forEach((path, cases) -> assertThat(tests.succeeded().filter(e -> e.getTestDescriptor()
                    .getDisplayName().startsWith(path + ": ")).count()).as("cases passed %s", path)
                    .isGreaterThanOrEqualTo(cases));
            assertThat(tests.succeeded().count()).as("responses cases passed on the live code path")
                    .isGreaterThanOrEqualTo(atLeast.values().stream().mapToInt(Integer::intValue).sum());
            // the operator's case (a parameterized container): live offers no operator
            assertThat(results.allEvents().skipped().count()).as("lab-only cases skipped with a reason")
                    .isGreaterThanOrEqualTo(1);
        }
    }

    /**
     * The personas sign in with the client secrets lab.env holds, through the live credential code path, and the
     * matrix they measure is the embedded lab's: the guide the run writes is the committed one, cell for cell.
     */
    @Test
    void should_measure_the_embedded_labs_rbac_matrix_on_the_live_code_path(@TempDir Path out) throws IOException {
        try (Lab lab = Lab.start(LabOptions.defaults().standalone())) {
            Map<String, String> parameters = liveParameters(lab, out);
            parameters.put(DeploymentTest.RUN_DIRECTORY_PROPERTY_NAME, out.resolve("run").toString());

            Events tests = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters)
                    .selectors(selectClass(RbacIT.class)).execute().testEvents();

            tests.assertStatistics(stats -> stats.failed(0).skipped(0));
            // 7 personas × 12 cells, the matrix itself, the caller's minimum, each account's key
            assertThat(tests.succeeded().count()).as("rbac cases passed on the live code path").isEqualTo(88);
            assertThat(Files.readString(out.resolve("run").resolve("rbac-permissions.md")))
                    .as("the guide the live code path wrote, against the committed one (the embedded lab's)")
                    .isEqualTo(Files.readString(Path.of("docs", "rbac-permissions.md")));
        }
    }
}
