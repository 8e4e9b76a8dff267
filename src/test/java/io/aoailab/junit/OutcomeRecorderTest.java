package io.aoailab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.aoailab.junit.Outcome.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The outcomes a run records for its summary, through a real JUnit Platform launcher. */
class OutcomeRecorderTest {

    private static List<Outcome> run(Path directory, Class<?>... classes) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameters(Map.of(DeploymentTest.CONFIG_SOURCE_PROPERTY_NAME,
                        DeploymentTest.CONFIG_SOURCE_PARAMETERS));
        if (directory != null) {
            request.configurationParameter(DeploymentTest.RUN_DIRECTORY_PROPERTY_NAME, directory.toString());
        }
        for (Class<?> type : classes) {
            request.selectors(selectClass(type));
        }
        LauncherDiscoveryRequest built = request.build();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new OutcomeRecorder()).build()).execute(built);
        return directory == null ? List.of() : Outcome.read(directory).orElseThrow();
    }

    @Test
    void should_record_each_outcome_with_its_scenario(@TempDir Path directory) {
        List<Outcome> outcomes = run(directory, Mixed.class, Untagged.class);

        assertThat(outcomes).extracting(Outcome::scenario, Outcome::status, Outcome::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("responses", Status.PASSED, ""),
                org.assertj.core.groups.Tuple.tuple("responses", Status.FAILED, "Expecting the region East US"),
                org.assertj.core.groups.Tuple.tuple("responses", Status.BROKEN, "connection refused"),
                org.assertj.core.groups.Tuple.tuple("responses", Status.SKIPPED, "Assumption failed: not on live"),
                org.assertj.core.groups.Tuple.tuple("responses", Status.PASSED, ""),
                org.assertj.core.groups.Tuple.tuple("responses", Status.PASSED, ""),
                org.assertj.core.groups.Tuple.tuple("rbac", Status.NOT_BUILT, "Not built yet: denial"),
                org.assertj.core.groups.Tuple.tuple(Outcome.UNTAGGED, Status.PASSED, ""));
        assertThat(outcomes).extracting(Outcome::name).contains(
                "Responses API: directly, through APIM and through Foundry > passes",
                "Responses API: directly, through APIM and through Foundry > twice > [2] 2",
                "OutcomeRecorderTest$Untagged > passes()");
    }

    @Test
    void should_write_nothing_without_a_run_directory(@TempDir Path directory) {
        run(null, Mixed.class);

        assertThat(Outcome.read(directory)).isEmpty();
    }

    @DeploymentTest
    @Tag(Scenario.RESPONSES)
    static class Mixed {
        @Test
        void passes() {
        }

        @Test
        void misbehaves() {
            throw new AssertionError("Expecting the region East US");
        }

        @Test
        void breaks() {
            throw new IllegalStateException("connection refused");
        }

        @Test
        void does_not_apply() {
            Assumptions.assumeTrue(false, "not on live");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void twice(int n) {
        }

        @Test
        @Tag(Scenario.RBAC)
        @NotBuiltYet("denial")
        void later() {
        }
    }

    static class Untagged {
        @Test
        void passes() {
        }
    }
}
