package io.aoailab.catalog;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.aoailab.junit.DeploymentTest;
import io.aoailab.scenarios.ScenarioSuites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs broken deployments of the catalog many times in a row and counts how often the suite caught each: how the
 * "caught in 20 of 20 runs" figures of the README are measured (a harness, not a test).
 *
 * <pre>
 * mvn -q test-compile exec:exec@catalog -Dcatalog.args="20 pin"      # the entries whose name contains "pin", 20 runs
 * mvn -q test-compile exec:exec@catalog -Dcatalog.args="20"          # every entry
 * mvn -q test-compile exec:exec@catalog -Dcatalog.args="50 shipped"  # the shipped lab: load-balancing, 50 runs
 * </pre>
 */
public final class CatalogLoop {
    private CatalogLoop() {
    }

    public static void main(String[] arguments) throws IOException {
        // Maven hands the arguments over as one string
        String[] args = String.join(" ", arguments).trim().split("\\s+");
        int runs = args.length > 0 && !args[0].isEmpty() ? Integer.parseInt(args[0]) : 20;
        String filter = args.length > 1 ? String.join(" ", List.of(args).subList(1, args.length)) : "";
        if (filter.equals("shipped")) {
            shipped(runs);
            return;
        }
        for (BrokenDeployment broken : BrokenDeployments.all()) {
            if (!broken.name().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))) {
                continue;
            }
            int caught = 0;
            String firstCatch = null;
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                Path directory = Files.createTempDirectory("catalog");
                Events events = broken.run(directory);
                Optional<Throwable> by = broken.caughtBy(events).filter(failure -> broken.narrow(events));
                if (by.isPresent()) {
                    caught++;
                    firstCatch = firstCatch == null ? by.get().getMessage().strip() : firstCatch;
                } else {
                    System.out.println("  run " + (i + 1) + " not caught; failures: " + BrokenDeployment.failures(events));
                }
            }
            System.out.printf(Locale.ROOT, "%s: caught in %d of %d runs (%.1f s per run)%n", broken.name(), caught, runs,
                    (System.nanoTime() - start) / 1e9 / runs);
            if (firstCatch != null) {
                System.out.println("  by \"" + broken.failingTest() + "\":\n    " + firstCatch.replace("\n", "\n    "));
            }
        }
    }

    // the shipped lab must pass every case of the load-balancing suite, run after run: its faults, breakers and
    // random pool draws must never make a correct deployment fail
    private static void shipped(int runs) {
        int passed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            Events events = EngineTestKit.engine("junit-jupiter").configurationParameters(Map.of(
                    DeploymentTest.CONFIG_SOURCE_PROPERTY_NAME, DeploymentTest.CONFIG_SOURCE_PARAMETERS))
                    .selectors(selectClass(ScenarioSuites.LOAD_BALANCING)).execute().testEvents();
            long failed = events.failed().count();
            long succeeded = events.succeeded().count();
            if (failed == 0 && events.skipped().count() == 0 && succeeded > 0) {
                passed++;
            } else {
                System.out.println("\n  run " + (i + 1) + ": " + succeeded + " passed, " + failed + " failed, "
                        + events.skipped().count() + " skipped; " + BrokenDeployment.failures(events));
            }
        }
        System.out.printf(Locale.ROOT, "the shipped lab: load-balancing passed in %d of %d runs (%.1f s per run)%n",
                passed, runs, (System.nanoTime() - start) / 1e9 / runs);
    }
}
