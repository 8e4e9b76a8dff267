package io.aoailab.testing;

import io.aoailab.config.SuiteConfig;
import io.aoailab.lab.Lab;
import io.aoailab.lab.topology.TopologyLoader;
import io.aoailab.target.lab.LabTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A lab whose actual deployment differs from the shipped topology in one way a scenario names: the shipped YAML with
 * an edit applied, started as a lab target of its own (endpoints, HTTP clients, credentials). An edit that changes
 * nothing is refused, so a variant test can never silently run against the default lab.
 */
public final class LabVariant implements AutoCloseable {
    private final Path file;
    private final LabTarget target;

    private LabVariant(Path file, LabTarget target) {
        this.file = file;
        this.target = target;
    }

    public static LabVariant of(SuiteConfig config, UnaryOperator<String> edit) {
        Path file = topologyFile(edit);
        try {
            return new LabVariant(file, LabTarget.start(config.withLabTopology(file)));
        } catch (RuntimeException e) {
            file.toFile().delete();
            throw e;
        }
    }

    /**
     * Only the topology file of a variant, for tests that start the lab themselves: a temporary file, gone when the
     * JVM exits if not before.
     */
    public static Path topologyFile(UnaryOperator<String> edit) {
        String edited = edited(edit);
        try {
            Path file = Files.createTempFile("lab-variant", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, edited, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped topology's text with the edit applied, for a test that places the file itself. */
    public static String edited(UnaryOperator<String> edit) {
        String shipped = shippedTopology();
        String edited = edit.apply(shipped);
        if (edited.equals(shipped)) {
            throw new IllegalArgumentException("The variant's edit changed nothing in the shipped topology");
        }
        return edited;
    }

    private static String shippedTopology() {
        try (InputStream in = Lab.class.getResourceAsStream(TopologyLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LabTarget target() {
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            target.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
