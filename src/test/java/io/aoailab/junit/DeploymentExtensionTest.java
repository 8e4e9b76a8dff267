package io.aoailab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.access.Call;
import io.aoailab.access.CallCapture;
import io.aoailab.access.Reply;
import io.aoailab.config.Client;
import io.aoailab.config.ConfigurationException;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.Target;
import io.aoailab.report.Redactor;
import io.aoailab.report.TokenUsageReport;
import io.aoailab.target.Operator;
import io.aoailab.testing.CannedResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import reactor.core.publisher.Mono;

/**
 * Drives {@link DeploymentTest} through the real Jupiter engine. The configuration comes in as JUnit configuration
 * parameters ({@code aoailab.config.source=parameters}), so nothing of the environment these tests run in is read.
 */
class DeploymentExtensionTest {
    private static final AtomicReference<DeploymentUnderTest> INJECTED = new AtomicReference<>();
    private static final AtomicReference<SuiteConfig> CONFIG = new AtomicReference<>();
    private static final Map<String, String> LIVE = Map.of(
            "LAB_TARGET", "live",
            "OPENAI_ENDPOINT_1", "https://aoai-eus.openai.azure.com/",
            "OPENAI_ENDPOINT_2", "https://aoai-eus2.openai.azure.com/",
            "APIM_GATEWAY_URL", "https://apim.azure-api.net/openai",
            "APIM_SUBSCRIPTION_KEY", "0123456789abcdef0123456789abcdef");

    @BeforeEach
    void clear() {
        INJECTED.set(null);
        CONFIG.set(null);
    }

    private static EngineExecutionResults execute(Class<?> testClass, Map<String, String> keys,
            Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put(DeploymentTest.CONFIG_SOURCE_PROPERTY_NAME, DeploymentTest.CONFIG_SOURCE_PARAMETERS);
        keys.forEach((key, value) -> all.put(DeploymentTest.CONFIG_KEY_PREFIX + key, value));
        return EngineTestKit.engine("junit-jupiter").configurationParameters(all).selectors(selectClass(testClass))
                .execute();
    }

    private static Events run(Class<?> testClass, Map<String, String> keys) {
        return execute(testClass, keys, Map.of()).testEvents();
    }

    @Test
    void should_inject_the_configured_live_deployment_without_calling_it() {
        run(InjectsDeployment.class, LIVE).assertStatistics(stats -> stats.succeeded(1).failed(0));

        DeploymentUnderTest deployment = INJECTED.get();
        assertThat(deployment.target()).isEqualTo(Target.LIVE);
        assertThat(deployment.endpoints().openai()).containsExactly(
                URI.create("https://aoai-eus.openai.azure.com/"), URI.create("https://aoai-eus2.openai.azure.com/"));
        assertThat(deployment.http().timeout()).isEqualTo(deployment.config().httpTimeout());
    }

    @Test
    void should_resolve_every_default_when_no_key_is_given() {
        run(InjectsConfig.class, Map.of()).assertStatistics(stats -> stats.succeeded(1));

        assertThat(CONFIG.get().target()).isEqualTo(Target.LAB);
        assertThat(CONFIG.get().modelDeployment()).isEqualTo("gpt-4o");
        assertThat(CONFIG.get().credentials().inheritedEnvironment().variables()).as("environment passed on").isEmpty();
    }

    @Test
    void should_skip_a_test_for_another_target_with_its_reason() {
        run(LabOnlyCase.class, LIVE).assertThatEvents().haveExactly(1, event(test("throttles"), skippedWithReason(
                "Only on the lab target (this run: live): fault injection needs the lab")));
    }

    @Test
    void should_break_the_first_test_with_the_keys_one_line_and_skip_the_others_with_it() {
        Events events = run(TwoCases.class, Map.of("LAB_TARGET", "prod"));

        String line = "LAB_TARGET='prod' (from configuration parameter) is not a target. Fix: set LAB_TARGET to lab"
                + " (the embedded emulator, the default) or live (real Azure).";
        events.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ConfigurationException.class), message(line))));
        events.assertThatEvents().haveExactly(1, event(test(), abortedWithReason(
                message("Not run, the configuration is invalid: " + line))));
        Throwable error = events.failed().stream().findFirst().orElseThrow().getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(error.getStackTrace()).as("frames under the one line").isEmpty();
    }

    @Test
    void should_report_a_bad_configuration_from_an_access_path_test_as_it_is() {
        Events events = execute(EveryPath.class, Map.of("EXPECTED_POOL_WEIGHTS", "abc"), Map.of()).allEvents();

        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(ConfigurationException.class),
                message(m -> m.startsWith("EXPECTED_POOL_WEIGHTS='abc' (from configuration parameter) has an entry"
                        + " that is not <region>=<weight>")))));
    }

    @Test
    void should_skip_a_case_whose_optional_part_is_not_configured() {
        run(NeedsFoundry.class, LIVE).assertThatEvents().haveExactly(1, event(test("foundry"), abortedWithReason(
                message(m -> m.startsWith("AI_FOUNDRY_PROJECT_ENDPOINT is not set, so this case does not apply")))));
    }

    @Test
    void should_inject_the_configuration_itself() {
        run(InjectsConfig.class, LIVE).assertStatistics(stats -> stats.succeeded(1));

        assertThat(CONFIG.get().target()).isEqualTo(Target.LIVE);
    }

    @Test
    void should_skip_an_operator_test_on_live_with_the_reason() {
        run(InjectsFaults.class, LIVE).assertThatEvents().haveExactly(2, event(test(), skippedWithReason(
                r -> r.startsWith("Only on the lab target (this run: live): it acts on the deployment as an operator"))));
    }

    @Test
    void should_inject_the_operator_by_intended_region_and_undo_its_actions_after_each_test() {
        run(InjectsFaults.class, Map.of("LAB_TARGET", "lab")).assertStatistics(stats -> stats.succeeded(2).failed(0));
    }

    @Test
    void should_file_a_placeholder_as_not_built() {
        run(Placeholder.class, LIVE).assertThatEvents().haveExactly(1, event(test("later"),
                skippedWithReason(NotBuiltYet.REASON_PREFIX + "what it will check")));
    }

    @Test
    void should_report_the_tokens_each_test_consumed_and_record_the_runs_total(@TempDir Path runDirectory) {
        Events events = execute(SpendsTokens.class, LIVE,
                Map.of(DeploymentTest.RUN_DIRECTORY_PROPERTY_NAME, runDirectory.toString())).testEvents();

        events.assertStatistics(stats -> stats.succeeded(3));
        List<String> reported = events.reportingEntryPublished().stream().map(e -> e.getRequiredPayload(
                ReportEntry.class).getKeyValuePairs().get(TokenUsageReport.ATTACHMENT_NAME)).toList();
        assertThat(reported).as("an entry for each test that made calls").containsExactlyInAnyOrder(
                "canned: 1 call, 11 input, 3 output, 14 total\ntotal: 1 call, 11 input, 3 output, 14 total\n",
                "no token-consuming calls (1 call)\n");
        RunRecord record = RunRecord.read(runDirectory).orElseThrow();
        assertThat(record.target()).isEqualTo("live");
        assertThat(record.calls()).isEqualTo(2);
        assertThat(List.of(record.inputTokens(), record.outputTokens(), record.totalTokens())).containsExactly(11L, 3L,
                14L);
        assertThat(record.regionsByPath()).isEqualTo(Map.of("canned", Map.of("East US", 1L, RunRecord.NO_REGION, 1L)));
    }

    @Test
    void should_record_a_bad_configuration_for_the_run_summary(@TempDir Path runDirectory) {
        execute(InjectsConfig.class, Map.of("HTTP_TIMEOUT_SECONDS", "-1"),
                Map.of(DeploymentTest.RUN_DIRECTORY_PROPERTY_NAME, runDirectory.toString()));

        assertThat(RunRecord.read(runDirectory).orElseThrow().configurationError())
                .startsWith("HTTP_TIMEOUT_SECONDS='-1' (from configuration parameter) is not a whole number");
    }

    @DeploymentTest
    static class SpendsTokens {
        private static void call(String body, HttpHeaders json) {
            new HttpPipelineBuilder().policies(new CallCapture("canned", Clock.systemUTC(), new Redactor()))
                    .httpClient(request -> Mono.just(CannedResponse.of(request, json,
                            body.getBytes(StandardCharsets.UTF_8))))
                    .build().sendSync(new HttpRequest(HttpMethod.POST, "https://aoai.example/openai/responses"),
                            Context.NONE).close();
        }

        @Test
        void spends() {
            call("{\"usage\":{\"input_tokens\":11,\"output_tokens\":3,\"total_tokens\":14}}", new HttpHeaders()
                    .set(HttpHeaderName.CONTENT_TYPE, "application/json").set(HttpHeaderName.fromString("x-ms-region"),
                            "East US"));
        }

        @Test
        void calls_without_spending() {
            call("{\"error\":{\"code\":\"429\"}}", new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE,
                    "application/json"));
        }

        @Test
        void makes_no_call() {
        }
    }

    @DeploymentTest
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    static class InjectsFaults {
        // the account the configuration says serves East US, called as the scenarios call it
        private static Call<Reply> createInEastUs(DeploymentUnderTest deployment) {
            AccessPath eastUs = AccessPath.direct("East US", deployment.endpoints().openai().get(0),
                    deployment.credentials().defaultCaller(), Client.AZURE_AI_OPENAI, new AccessPath.Settings(
                            deployment.http().azureHttpClient(), deployment.config().apiVersion(), Clock.systemUTC(),
                            new Redactor(), deployment.intended()));
            return eastUs.call(api -> api.create(Ask.of(deployment.config().modelDeployment(), "Hello")));
        }

        @Test
        void a_fails_a_region_by_its_intended_name(Operator operator, DeploymentUnderTest deployment) {
            operator.fail("East US", 503, Operator.Budget.lasting(Duration.ofHours(1)));

            assertThat(createInEastUs(deployment).failure().status()).isEqualTo(503);
            assertThatThrownBy(() -> operator.fail("West Europe", 503, Operator.Budget.requests(1)))
                    .hasMessage("'West Europe' is not an intended region; the operator acts on East US, East US 2"
                            + " (EXPECTED_REGION_n)");
        }

        @Test
        void b_starts_clean(Operator operator, DeploymentUnderTest deployment) {
            assertThat(createInEastUs(deployment).value().status()).as("after the previous test's action was undone")
                    .isEqualTo("completed");
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
            CONFIG.set(config);
        }
    }

    @DeploymentTest
    static class TwoCases {
        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    @DeploymentTest
    static class EveryPath {
        @ParameterizedTest
        @EveryAccessPath
        void through(io.aoailab.access.AccessPath path) {
        }
    }

    @DeploymentTest
    static class Placeholder {
        @Test
        @NotBuiltYet("what it will check")
        void later() {
            throw new AssertionError("a placeholder must never run");
        }
    }
}
