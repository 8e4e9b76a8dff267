package io.aoailab.junit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How one test (or a container that failed or was skipped as a whole) of a run ended, as the run summary counts it.
 *
 * @param scenario the scenario tag of the test, or {@value #UNTAGGED}
 * @param name the test's display name, with its class
 * @param status how it ended
 * @param message the skip reason or the failure's message; empty when it passed
 */
public record Outcome(String scenario, String name, Status status, String message) {

    /** The file a run writes its outcomes into, in the run directory. */
    public static final String FILE_NAME = "outcomes.json";
    /** The scenario of a test whose class carries no scenario tag. */
    public static final String UNTAGGED = "untagged";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The four outcomes of the report, plus the placeholders of scenarios not built yet. */
    public enum Status {
        /** The deployment did what was expected. */
        PASSED,
        /** The deployment misbehaved: an assertion failed. */
        FAILED,
        /** Anything else went wrong: configuration, the suite, the network. */
        BROKEN,
        /** Not applicable here, with the reason. */
        SKIPPED,
        /** A scenario the suite does not check yet. */
        NOT_BUILT
    }

    /** The outcomes a run left in {@code directory}, if it left them. */
    public static Optional<List<Outcome>> read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), new TypeReference<List<Outcome>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the outcomes " + file, e);
        }
    }

    static void write(Path directory, List<Outcome> outcomes) {
        try {
            Files.createDirectories(directory);
            JSON.writerWithDefaultPrettyPrinter().writeValue(directory.resolve(FILE_NAME).toFile(), outcomes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the outcomes into " + directory, e);
        }
    }
}
