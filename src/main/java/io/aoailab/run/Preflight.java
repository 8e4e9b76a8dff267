package io.aoailab.run;

import io.aoailab.config.ConfigSources;
import io.aoailab.config.ConfigurationException;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.config.Target;
import io.aoailab.junit.DeploymentTest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The first lines of a validation run, before any test: which target and scenarios it will validate, or the
 * configuration error that stops it, printed once, at the top. An unknown scenario tag stops the run here.
 *
 * <p>Run by Maven before the scenario suites ({@code pre-integration-test}); arguments {@code groups=<-Dgroups>}
 * and {@code config-source=<environment|parameters>}.
 */
public final class Preflight {
    private Preflight() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> arguments = Arguments.parse(args);
        TagSelection selection = new TagSelection(arguments.getOrDefault("groups", ""));
        selection.requireKnownTags();
        // the scenario JVM logs into it from its first line
        Files.createDirectories(Path.of(arguments.get("run-directory")));
        if (arguments.containsKey("history") && arguments.containsKey("results")) {
            ReportHistory.carryIn(Path.of(arguments.get("history")), Path.of(arguments.get("results")));
        }
        boolean fromEnvironment = arguments.getOrDefault("config-source", DeploymentTest.CONFIG_SOURCE_ENVIRONMENT)
                .equals(DeploymentTest.CONFIG_SOURCE_ENVIRONMENT);
        describe(System.out, selection, fromEnvironment ? Optional.of(() -> new SuiteConfigResolver(
                ConfigSources.ofProcess(Path.of("").toAbsolutePath())).resolve()) : Optional.empty());
    }

    /**
     * @param config how the run resolves its configuration; empty when it ignores the user's (the project's own
     *        tests)
     */
    static void describe(PrintStream out, TagSelection selection, Optional<Supplier<SuiteConfig>> config) {
        if (config.isEmpty()) {
            out.println("aoai-lab-suite: the project's own run of the scenarios against the embedded lab,"
                    + " configuration ignored; scenarios: " + selection.describe());
            return;
        }
        SuiteConfig resolved;
        try {
            resolved = config.get().get();
        } catch (ConfigurationException e) {
            out.println("aoai-lab-suite: the configuration is invalid, so this run validates nothing:");
            out.println("  " + e.getMessage());
            return;
        }
        out.println("aoai-lab-suite: validating " + target(resolved) + "; scenarios: " + selection.describe());
    }

    private static String target(SuiteConfig config) {
        if (config.target() == Target.LAB) {
            return "the embedded lab (LAB_TARGET=lab)";
        }
        String hosts = Stream.concat(config.liveEndpoints().openai().stream(),
                config.liveEndpoints().apimGateway().stream()).map(URI::getAuthority)
                .collect(Collectors.joining(", "));
        return "live Azure (LAB_TARGET=live): " + hosts;
    }
}
