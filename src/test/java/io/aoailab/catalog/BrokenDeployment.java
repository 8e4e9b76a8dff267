package io.aoailab.catalog;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.aoailab.junit.DeploymentTest;
import io.aoailab.testing.LabVariant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.MethodFilter;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A deployment broken in one realistic way, as a lab variant, and how the suite must catch it: the scenario suite
 * that runs against it, the test that must fail there, and what its message must say. The suite runs against the
 * variant exactly as a user's validation run would, configured by parameters alone.
 *
 * @param name what is wrong with the deployment, in its own terms
 * @param topologyEdit the edit of the shipped topology that breaks it
 * @param policyEdit an edit of the shipped recommended APIM policy, run by the variant's gateway instead; identity
 *        for none
 * @param intent configuration keys that state the intended deployment, beyond the defaults
 * @param suite the scenario suite that must catch it
 * @param failingTest the start of the display name of a test that must fail, e.g. "through APIM: a stored response";
 *        only that test runs. For a dynamic test, its factory's method in words, " > ", then the start of its own
 *        display name, e.g. "each account treats its own keys as intended > East US: its key is refused"
 * @param message what the failure must say; parts joined by " … " must each be said, in any order
 * @param stillPasses the start of the display name of a case of the same test that must still pass (the breakage is
 *        that narrow); empty for none
 */
record BrokenDeployment(String name, UnaryOperator<String> topologyEdit, UnaryOperator<String> policyEdit,
        Map<String, String> intent, Class<?> suite, String failingTest, String message, String stillPasses) {

    BrokenDeployment(String name, UnaryOperator<String> topologyEdit, UnaryOperator<String> policyEdit,
            Map<String, String> intent, Class<?> suite, String failingTest, String message) {
        this(name, topologyEdit, policyEdit, intent, suite, failingTest, message, "");
    }

    static final String POLICY = "/apim-policies/openai-load-balancer.xml";

    /** Runs the suite against this deployment, in a lab of its own, and returns its test events. */
    Events run(Path directory) {
        UnaryOperator<String> edit = topologyEdit;
        if (policyEdit != UnaryOperator.<String>identity()) {
            Path policy = directory.resolve("policy-variant.xml");
            write(policy, LabVariant.edited(LabVariant.shipped(POLICY), policyEdit, "policy"));
            edit = yaml -> topologyEdit.apply(yaml).replace("policy: classpath:apim-policies/openai-load-balancer.xml",
                    "policy: " + policy.getFileName());
        }
        Path topology = LabVariant.topologyFile(directory, edit);
        Map<String, String> parameters = new HashMap<>();
        parameters.put(DeploymentTest.CONFIG_SOURCE_PROPERTY_NAME, DeploymentTest.CONFIG_SOURCE_PARAMETERS);
        parameters.put(DeploymentTest.CONFIG_KEY_PREFIX + "LAB_TOPOLOGY_FILE", topology.toString());
        intent.forEach((key, value) -> parameters.put(DeploymentTest.CONFIG_KEY_PREFIX + key, value));
        // only the test that must catch it: its method is its display name after the path, as a method name
        String method = method().replace(' ', '_');
        return EngineTestKit.engine("junit-jupiter").configurationParameters(parameters)
                .selectors(selectClass(suite)).filters(MethodFilter.includeMethodNamePatterns(".*#" + method + ".*"))
                .execute().testEvents();
    }

    // "<path>: <method in words>", or "<method in words> > <dynamic test>"
    private String method() {
        int dynamic = failingTest.indexOf(" > ");
        return dynamic >= 0 ? failingTest.substring(0, dynamic) : failingTest.substring(failingTest.indexOf(": ") + 2);
    }

    private String displayed() {
        int dynamic = failingTest.indexOf(" > ");
        return dynamic >= 0 ? failingTest.substring(dynamic + 3) : failingTest;
    }

    /** The failure that caught it, if the suite caught it. */
    Optional<Throwable> caughtBy(Events events) {
        return events.failed().stream().filter(e -> e.getTestDescriptor().getDisplayName().startsWith(displayed()))
                .map(BrokenDeployment::thrown).flatMap(Optional::stream)
                .filter(t -> Arrays.stream(message.split(" … ")).allMatch(String.valueOf(t.getMessage())::contains))
                .findFirst();
    }

    /** Whether the case that must still pass did (true when there is none). */
    boolean narrow(Events events) {
        return stillPasses.isEmpty() || events.succeeded().stream()
                .anyMatch(e -> e.getTestDescriptor().getDisplayName().startsWith(stillPasses));
    }

    /** What failed instead, for a message when it was not caught as expected. */
    static List<String> failures(Events events) {
        return events.failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + " -> "
                + thrown(e).map(Throwable::getMessage).orElse("?")).toList();
    }

    private static Optional<Throwable> thrown(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
