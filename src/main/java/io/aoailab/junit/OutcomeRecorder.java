package io.aoailab.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records how every test of a run ended, per scenario, into the run directory
 * ({@link DeploymentTest#RUN_DIRECTORY_PROPERTY_NAME}); inert when no run directory is configured, as in the
 * project's own unit tests. The run summary reads the file to say what was validated, and to fail a run that
 * validated nothing. Registered with the JUnit Platform through {@code META-INF/services}.
 */
public final class OutcomeRecorder implements TestExecutionListener {
    private final List<Outcome> outcomes = new ArrayList<>();
    private volatile TestPlan plan;
    private volatile Optional<Path> directory = Optional.empty();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        directory = testPlan.getConfigurationParameters().get(DeploymentTest.RUN_DIRECTORY_PROPERTY_NAME).map(Path::of);
        synchronized (outcomes) {
            outcomes.clear();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        String why = reason == null ? "" : reason;
        add(test, why.startsWith(NotBuiltYet.REASON_PREFIX) ? Outcome.Status.NOT_BUILT : Outcome.Status.SKIPPED, why);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (test.isTest()) {
                    add(test, Outcome.Status.PASSED, "");
                }
            }
            // a container that ends this way ran none (or not all) of its tests: it counts, so nothing hides
            case ABORTED -> add(test, Outcome.Status.SKIPPED, message);
            case FAILED -> add(test, result.getThrowable().filter(AssertionError.class::isInstance).isPresent()
                    ? Outcome.Status.FAILED : Outcome.Status.BROKEN, message);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        directory.ifPresent(d -> {
            synchronized (outcomes) {
                Outcome.write(d, List.copyOf(outcomes));
            }
        });
    }

    private void add(TestIdentifier test, Outcome.Status status, String message) {
        if (directory.isEmpty()) {
            return;
        }
        String scenario = scenarioOf(test);
        synchronized (outcomes) {
            outcomes.add(new Outcome(scenario, qualifiedName(test), status, message));
        }
    }

    // a dynamic test carries no tags of its own: its scenario is its factory's class's
    private String scenarioOf(TestIdentifier test) {
        for (Optional<TestIdentifier> at = Optional.of(test); at.isPresent(); at = plan.getParent(at.get())) {
            Optional<String> tag = at.get().getTags().stream().map(TestTag::getName).filter(Scenario.ALL::contains)
                    .findFirst();
            if (tag.isPresent()) {
                return tag.get();
            }
        }
        return Outcome.UNTAGGED;
    }

    private String qualifiedName(TestIdentifier test) {
        List<String> names = new ArrayList<>();
        for (Optional<TestIdentifier> at = Optional.of(test); at.isPresent() && at.get().getParentId().isPresent();
                at = plan.getParent(at.get())) {
            names.add(0, at.get().getDisplayName());
        }
        return String.join(" > ", names);
    }
}
