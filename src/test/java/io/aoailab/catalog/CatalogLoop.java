package io.aoailab.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs broken deployments of the catalog many times in a row and counts how often the suite caught each: how the
 * "caught in 20 of 20 runs" figures of the README are measured (a harness, not a test).
 *
 * <pre>
 * mvn -q test-compile exec:exec@catalog -Dcatalog.args="20 pin"      # the entries whose name contains "pin", 20 runs
 * mvn -q test-compile exec:exec@catalog -Dcatalog.args="20"          # every entry
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
}
