package io.aoailab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env.sample is the documentation of the configuration: it must name every key and work as copied. */
class EnvSampleTest {
    private static final Path SAMPLE = Path.of("env.sample");

    @Test
    void should_document_every_configuration_key_with_a_comment() throws IOException {
        List<String> lines = Files.readAllLines(SAMPLE);

        for (ConfigKey key : ConfigKey.values()) {
            int line = lines.indexOf(lines.stream().filter(l -> l.startsWith(key.name() + "=")).findFirst()
                    .orElseThrow(() -> new AssertionError("Expecting env.sample to set " + key.name() + " but it does not")));
            int above = line - 1;
            while (above > 0 && lines.get(above).matches("[A-Z0-9_]+=.*")) {
                above--; // keys documented as a group share the comment above the group
            }
            assertThat(lines.get(above)).as("the comment above %s", key.name()).startsWith("#");
        }
    }

    @Test
    void should_set_no_key_the_suite_does_not_read() throws IOException {
        Matcher keys = Pattern.compile("(?m)^([A-Z0-9_]+)=").matcher(Files.readString(SAMPLE));
        List<String> known = Arrays.stream(ConfigKey.values()).map(Enum::name).toList();

        while (keys.find()) {
            assertThat(known).as("keys the suite reads").contains(keys.group(1));
        }
    }

    @Test
    void should_resolve_as_copied_to_dotenv(@TempDir Path dir) throws IOException {
        Files.copy(SAMPLE, dir.resolve(".env"));

        SuiteConfig config = new SuiteConfigResolver(ConfigSources.of(Map.of(), Map.of(), dir.resolve(".env"))).resolve();

        assertThat(config.target()).isEqualTo(Target.LAB);
    }
}
