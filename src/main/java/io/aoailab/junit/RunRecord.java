package io.aoailab.junit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a run of the scenario suites did, for the summary printed at its end: the target, the hosts it reached,
 * the regions that answered on each access path, and the tokens consumed. No secret is recorded.
 *
 * @param target {@code lab} or {@code live}; empty when the configuration did not resolve
 * @param configurationError the configuration's one-line error, when it did not resolve
 * @param hosts the hosts of the deployment's endpoints, in configuration order
 * @param regionsByPath per access path, how many calls each region answered ({@value #NO_REGION} when none said)
 * @param calls the calls made by tests
 * @param inputTokens input tokens they consumed
 * @param outputTokens output tokens they consumed
 * @param totalTokens total tokens they consumed
 * @param cost their estimated cost with its prices, e.g. "≈ 0.2418 USD (…)"; empty when nothing was called
 */
public record RunRecord(String target, String configurationError, List<String> hosts,
        Map<String, Map<String, Long>> regionsByPath, long calls, long inputTokens, long outputTokens,
        long totalTokens, String cost) {

    /** The file a run writes its record into, in the run directory. */
    public static final String FILE_NAME = "run.json";
    /** The file of the SHA-256 fingerprints of the secrets a run knew, in the run directory. */
    public static final String FINGERPRINTS = "secret-fingerprints.txt";
    /** The region of a call whose answer named none. */
    public static final String NO_REGION = "no region";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunRecord {
        hosts = List.copyOf(hosts);
        // in the order the paths were first used, as the summary lists them
        Map<String, Map<String, Long>> ordered = new LinkedHashMap<>();
        regionsByPath.forEach((path, regions) -> ordered.put(path, Collections.unmodifiableMap(
                new LinkedHashMap<>(regions))));
        regionsByPath = Collections.unmodifiableMap(ordered);
    }

    static RunRecord misconfigured(String error) {
        return new RunRecord("", error, List.of(), Map.of(), 0, 0, 0, 0, "");
    }

    /** The record a run left in {@code directory}, if it left one. */
    public static Optional<RunRecord> read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the run record " + file, e);
        }
    }

    /** Writes a run's record into the directory {@link DeploymentTest#RUN_DIRECTORY_PROPERTY_NAME} names. */
    record Writer(Path directory) {
        static Optional<Writer> of(ExtensionContext context) {
            return context.getConfigurationParameter(DeploymentTest.RUN_DIRECTORY_PROPERTY_NAME).map(Path::of)
                    .map(Writer::new);
        }

        /** The fingerprints of the run's secrets, one per line: for the check that none reached the output. */
        void writeFingerprints(List<String> fingerprints) {
            try {
                Files.createDirectories(directory);
                Files.write(directory.resolve(FINGERPRINTS), fingerprints);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the secrets' fingerprints into " + directory, e);
            }
        }

        void write(RunRecord record) {
            try {
                Files.createDirectories(directory);
                JSON.writeValue(directory.resolve(FILE_NAME).toFile(), record);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the run record into " + directory, e);
            }
        }
    }
}
