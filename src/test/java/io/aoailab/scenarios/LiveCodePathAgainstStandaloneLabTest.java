package io.aoailab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.aoailab.lab.Lab;
import io.aoailab.lab.LabMain;
import io.aoailab.lab.LabOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code LAB_TARGET=live} with a standalone lab's {@code lab.env} runs the responses scenario through the suite's
 * <em>live</em> code path (DefaultAzureCredential's environment credential, configured endpoints, the extra CA):
 * what a user gets after {@code set -a; . lab-out/lab.env; set +a; mvn verify}. The lab.env keys are given as system
 * properties, the second source in precedence, so this steps aside when the environment already sets them.
 */
class LiveCodePathAgainstStandaloneLabTest {

    @Test
    void should_pass_the_responses_scenario_on_the_live_code_path(@TempDir Path out) throws IOException {
        assumeTrue(System.getenv("LAB_TARGET") == null, "LAB_TARGET is set in the environment and would win");
        Map<String, String> saved = new HashMap<>();
        try (Lab lab = Lab.start(LabOptions.defaults().standalone())) {
            LabMain.write(out, out.resolve("lab-ca.pem"), out.resolve("lab.env"), lab);
            Matcher keys = Pattern.compile("(?m)^([A-Z0-9_]+)=(.*)$").matcher(Files.readString(out.resolve("lab.env")));
            while (keys.find()) {
                saved.put(keys.group(1), System.getProperty(keys.group(1)));
                System.setProperty(keys.group(1), keys.group(2));
            }

            var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ResponsesApiIT.class)).execute();
            Events tests = results.testEvents();

            tests.assertStatistics(stats -> stats.failed(0));
            assertThat(tests.succeeded().count()).as("responses cases passed on the live code path")
                    .isGreaterThanOrEqualTo(15);
            // every path, the Foundry one included: its connection targets are the standalone lab's loopback URLs
            for (String path : List.of("direct(East US)", "direct(East US 2)", "apim", "foundry")) {
                assertThat(tests.succeeded().filter(e -> e.getTestDescriptor().getDisplayName().equals(path)).count())
                        .as("cases passed through %s", path).isGreaterThanOrEqualTo(7);
            }
            // the fault-injecting case (a parameterized container) and the two lab variants (plain pool, no connection)
            assertThat(results.allEvents().skipped().count()).as("lab-only cases skipped with a reason")
                    .isGreaterThanOrEqualTo(3);
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
