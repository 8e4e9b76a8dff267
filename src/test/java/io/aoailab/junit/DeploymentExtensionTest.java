package io.aoailab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import io.aoailab.access.CallCapture;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.Target;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.lab.faults.FaultControl;
import io.aoailab.report.TokenUsageReport;
import io.aoailab.testing.CannedResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import reactor.core.publisher.Mono;

/**
 * Drives {@link DeploymentTest} through the real Jupiter engine. The configuration comes in as system properties
 * (the second source in precedence), so these tests step aside when the environment already sets the same keys.
 */
class DeploymentExtensionTest {
    private static final AtomicReference<DeploymentUnderTest> INJECTED = new AtomicReference<>();
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void no_environment_override() {
        for (String key : new String[] {"LAB_TARGET", "OPENAI_ENDPOINT_1", "APIM_SUBSCRIPTION_KEY"}) {
            assumeTrue(System.getenv(key) == null, key + " is set in the environment and would win over these tests");
        }
        INJECTED.set(null);
    }

    @AfterEach
    void restore_properties() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private void setLive() {
        set("LAB_TARGET", "live");
        set("OPENAI_ENDPOINT_1", "https://aoai-eus.openai.azure.com/");
        set("OPENAI_ENDPOINT_2", "https://aoai-eus2.openai.azure.com/");
        set("APIM_GATEWAY_URL", "https://apim.azure-api.net/openai");
        set("APIM_SUBSCRIPTION_KEY", "0123456789abcdef0123456789abcdef");
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @Test
    void should_inject_the_configured_live_deployment_without_calling_it() {
        setLive();

        run(InjectsDeployment.class).assertStatistics(stats -> stats.succeeded(1).failed(0));

        DeploymentUnderTest deployment = INJECTED.get();
        assertThat(deployment.target()).isEqualTo(Target.LIVE);
        assertThat(deployment.endpoints().openai()).containsExactly(
                URI.create("https://aoai-eus.openai.azure.com/"), URI.create("https://aoai-eus2.openai.azure.com/"));
        assertThat(deployment.http().timeout()).isEqualTo(deployment.config().httpTimeout());
    }

    @Test
    void should_skip_a_test_for_another_target_with_its_reason() {
        setLive();

        run(LabOnlyCase.class).assertThatEvents().haveExactly(1, event(test("throttles"), skippedWithReason(
                "Only on the lab target (this run: live): fault injection needs the lab")));
    }

    @Test
    void should_error_every_test_with_the_key_when_configuration_is_bad() {
        set("LAB_TARGET", "prod");

        run(InjectsDeployment.class).assertThatEvents().haveExactly(1, event(test("injected"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("LAB_TARGET='prod' (from system property) is not a target")))));
    }

    @Test
    void should_skip_a_case_whose_optional_part_is_not_configured() {
        setLive();

        run(NeedsFoundry.class).assertThatEvents().haveExactly(1, event(test("foundry"), abortedWithReason(
                message(m -> m.startsWith("AI_FOUNDRY_PROJECT_ENDPOINT is not set, so this case does not apply")))));
    }

    @Test
    void should_inject_the_configuration_itself() {
        setLive();

        run(InjectsConfig.class).assertStatistics(stats -> stats.succeeded(1));
    }

    @Test
    void should_skip_a_fault_injecting_test_on_live_with_the_reason() {
        setLive();

        run(InjectsFaults.class).assertThatEvents().haveExactly(2, event(test(), skippedWithReason(
                r -> r.startsWith("Only on the lab target (this run: live): it injects faults through the lab's"))));
    }

    @Test
    void should_inject_the_labs_fault_control_and_reset_it_after_each_test() {
        set("LAB_TARGET", "lab");

        run(InjectsFaults.class).assertStatistics(stats -> stats.succeeded(2).failed(0));
    }

    @Test
    void should_report_the_tokens_each_test_consumed_and_the_runs_total(@TempDir Path results) throws IOException {
        setLive();
        set("allure.results.directory", results.toString());
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Events events;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            events = run(SpendsTokens.class);
        } finally {
            System.setOut(stdout);
        }

        events.assertStatistics(stats -> stats.succeeded(3));
        List<String> reported = events.reportingEntryPublished().stream().map(e -> e.getRequiredPayload(
                ReportEntry.class).getKeyValuePairs().get(TokenUsageReport.ATTACHMENT_NAME)).toList();
        assertThat(reported).as("an entry for each test that made calls").containsExactlyInAnyOrder(
                "canned: 1 call, 11 input, 3 output, 14 total\ntotal: 1 call, 11 input, 3 output, 14 total\n",
                "no token-consuming calls (1 call)\n");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Token usage of this run: 2 calls, 11 input + 3 output = 14 tokens");
        assertThat(Files.readString(results.resolve("environment.properties")))
                .contains("tokens.input=11", "tokens.output=3", "tokens.total=14");
    }

    @DeploymentTest
    static class SpendsTokens {
        private static void call(String body) {
            HttpHeaders json = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
            new HttpPipelineBuilder().policies(new CallCapture("canned", Clock.systemUTC()))
                    .httpClient(request -> Mono.just(CannedResponse.of(request, json,
                            body.getBytes(StandardCharsets.UTF_8))))
                    .build().sendSync(new HttpRequest(HttpMethod.POST, "https://aoai.example/openai/responses"),
                            Context.NONE).close();
        }

        @Test
        void spends() {
            call("{\"usage\":{\"input_tokens\":11,\"output_tokens\":3,\"total_tokens\":14}}");
        }

        @Test
        void calls_without_spending() {
            call("{\"error\":{\"code\":\"429\"}}");
        }

        @Test
        void makes_no_call() {
        }
    }

    @DeploymentTest
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    static class InjectsFaults {
        @Test
        void a_injects(FaultControl faults) {
            faults.inject("aoai-eus", new Fault.ServerError(503), FaultBudget.forDuration(Duration.ofHours(1)));
            assertThat(faults.next("aoai-eus")).isPresent();
        }

        @Test
        void b_starts_clean(FaultControl faults) {
            assertThat(faults.next("aoai-eus")).as("a fault left over from the previous test").isEmpty();
        }
    }

    @DeploymentTest
    static class InjectsDeployment {
        @Test
        void injected(DeploymentUnderTest deployment) {
            INJECTED.set(deployment);
        }
    }

    @DeploymentTest
    static class LabOnlyCase {
        @Test
        @OnlyOn(value = Target.LAB, reason = "fault injection needs the lab")
        void throttles() {
            throw new AssertionError("must not run on live");
        }
    }

    @DeploymentTest
    static class NeedsFoundry {
        @Test
        void foundry(DeploymentUnderTest deployment) {
            DeploymentUnderTest.require(deployment.endpoints().foundryProject(), "AI_FOUNDRY_PROJECT_ENDPOINT");
            throw new AssertionError("must not run without a Foundry endpoint");
        }
    }

    @DeploymentTest
    static class InjectsConfig {
        @Test
        void config(SuiteConfig config) {
            assertThat(config.target()).isEqualTo(Target.LIVE);
        }
    }
}
