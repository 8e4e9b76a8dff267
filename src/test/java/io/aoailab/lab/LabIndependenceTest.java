package io.aoailab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lab stands on its own: no source of it imports the framework that embeds it, so it can be run, tested and
 * reasoned about without the suite (the framework adapts to the lab, never the other way round).
 */
class LabIndependenceTest {
    private static final Path LAB_SOURCES = Path.of("src", "main", "java", "io", "aoailab", "lab");
    private static final Pattern FRAMEWORK = Pattern.compile(
            "^import\\s+(static\\s+)?io\\.aoailab\\.(config|access|report|junit|run|target|assertions)\\b.*", Pattern.MULTILINE);

    @Test
    void should_import_nothing_from_the_framework() throws IOException {
        assertThat(LAB_SOURCES).as("run from the project's base directory").isDirectory();
        List<String> offending;
        try (Stream<Path> files = Files.walk(LAB_SOURCES)) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> FRAMEWORK.matcher(read(f)).results().map(m -> f + ": " + m.group())).toList();
        }
        assertThat(offending).as("framework imports in the lab; move what the lab needs into io.aoailab.lab").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
