package io.aoailab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {

    @Test
    void should_read_the_dotenv_file_of_the_working_directory(@TempDir Path dir) throws IOException {
        // GIVEN a .env as env.sample documents it, with comments and an empty value
        Files.writeString(dir.resolve(".env"), """
                # the seed lab's names
                OPENAI_MODEL_DEPLOYMENT=gpt-4o-mini
                APIM_SUBSCRIPTION_KEY=
                """);

        // WHEN
        ConfigSources sources = ConfigSources.ofProcess(dir);

        // THEN
        ConfigValue value = sources.lookup("OPENAI_MODEL_DEPLOYMENT").orElseThrow();
        assertThat(value.value()).isEqualTo("gpt-4o-mini");
        assertThat(value.origin()).isEqualTo(dir.resolve(".env").toString());
        assertThat(sources.lookup("APIM_SUBSCRIPTION_KEY")).isEmpty();
    }

    @Test
    void should_do_without_a_dotenv_file(@TempDir Path dir) {
        assertThat(ConfigSources.ofProcess(dir).lookup("NO_SUCH_KEY_IN_ANY_SOURCE")).isEmpty();
    }

    @Test
    void should_name_a_malformed_dotenv_file_without_quoting_its_lines(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".env"), "A=1\nunterminated-secret-value with no equals sign\n");

        assertThatThrownBy(() -> ConfigSources.ofProcess(dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(dir.resolve(".env") + " cannot be read as a .env file")
                .hasMessageNotContaining("unterminated-secret-value");
    }
}
