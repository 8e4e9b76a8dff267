package io.aoailab.testing;

import io.aoailab.lab.Lab;
import io.aoailab.lab.topology.TopologyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A lab whose actual deployment differs from the shipped topology in one way a test names: the shipped YAML with an
 * edit applied. An edit that changes nothing is refused, so a variant test can never silently run against the
 * default lab.
 */
public final class LabVariant {
    private LabVariant() {
    }

    /**
     * Only the topology file of a variant, for tests that start the lab themselves: a temporary file, gone when the
     * JVM exits if not before.
     */
    public static Path topologyFile(UnaryOperator<String> edit) {
        return write(Files::createTempFile, edited(edit));
    }

    /** The topology file of a variant in {@code directory}, next to the files it refers to (a policy variant). */
    public static Path topologyFile(Path directory, UnaryOperator<String> edit) {
        return write((prefix, suffix) -> Files.createTempFile(directory, prefix, suffix), edited(edit));
    }

    private interface TempFiles {
        Path create(String prefix, String suffix) throws IOException;
    }

    private static Path write(TempFiles files, String text) {
        try {
            Path file = files.create("lab-variant", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped topology's text with the edit applied, for a test that places the file itself. */
    public static String edited(UnaryOperator<String> edit) {
        return edited(shipped(TopologyLoader.DEFAULT_RESOURCE), edit, "topology");
    }

    /** A shipped resource of the lab's (a policy file) with an edit applied. */
    public static String edited(String shipped, UnaryOperator<String> edit, String what) {
        String edited = edit.apply(shipped);
        if (edited.equals(shipped)) {
            throw new IllegalArgumentException("The variant's edit changed nothing in the shipped " + what);
        }
        return edited;
    }

    /** The text of a resource the lab ships, e.g. {@code /apim-policies/openai-load-balancer.xml}. */
    public static String shipped(String resource) {
        try (InputStream in = Lab.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("the lab ships no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
