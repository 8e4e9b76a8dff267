package io.aoailab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sources are injected: no test here reads the process's environment or the working directory. */
class ConfigSourcesTest {

    @Test
    void should_read_a_dotenv_file_and_name_it_as_the_origin(@TempDir Path dir) throws IOException {
        // GIVEN a .env as env.sample documents it, with comments and an empty value
        Path file = dir.resolve(".env");
        Files.writeString(file, """
                # a comment
                OPENAI_MODEL_DEPLOYMENT=gpt-4o-mini
                APIM_SUBSCRIPTION_KEY=
                """);

        // WHEN
        ConfigSources sources = ConfigSources.of(Map.of(), Map.of(), file);

        // THEN
        ConfigValue value = sources.lookup("OPENAI_MODEL_DEPLOYMENT").orElseThrow();
        assertThat(value.value()).isEqualTo("gpt-4o-mini");
        assertThat(value.origin()).isEqualTo(file.toString());
        assertThat(sources.lookup("APIM_SUBSCRIPTION_KEY")).isEmpty();
    }

    @Test
    void should_prefer_the_environment_then_system_properties_then_the_dotenv_file(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, "A=from-file\nB=from-file\nC=from-file\n");

        ConfigSources sources = ConfigSources.of(Map.of("A", "from-env"), Map.of("A", "from-prop", "B", "from-prop"),
                file);

        assertThat(sources.lookup("A").map(ConfigValue::origin)).contains("environment variable");
        assertThat(sources.lookup("B").map(ConfigValue::value)).contains("from-prop");
        assertThat(sources.lookup("C").map(ConfigValue::value)).contains("from-file");
    }

    @Test
    void should_treat_a_blank_value_as_unset_and_fall_through() {
        ConfigSources sources = ConfigSources.of(Map.of("A", "  "), Map.of("A", "set"), Map.of());

        assertThat(sources.lookup("A").map(ConfigValue::value)).contains("set");
    }

    @Test
    void should_do_without_a_dotenv_file(@TempDir Path dir) {
        assertThat(ConfigSources.of(Map.of(), Map.of(), dir.resolve(".env")).lookup("NO_SUCH_KEY")).isEmpty();
    }

    @Test
    void should_read_nothing_but_the_lookup_it_is_given() {
        ConfigSources sources = ConfigSources.only("configuration parameter",
                key -> key.equals("LAB_TARGET") ? Optional.of("live") : Optional.empty());

        assertThat(sources.lookup("LAB_TARGET")).contains(new ConfigValue("LAB_TARGET", "live", "configuration parameter"));
        assertThat(sources.lookup("PATH")).isEmpty();
        assertThat(sources.inheritedEnvironment()).isEmpty();
    }

    @Test
    void should_name_a_malformed_dotenv_file_without_quoting_its_lines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, "A=1\nunterminated-secret-value with no equals sign\n");

        assertThatThrownBy(() -> ConfigSources.of(Map.of(), Map.of(), file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(file + " cannot be read as a .env file")
                .hasMessageNotContaining("unterminated-secret-value");
    }
}
