package io.aoailab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureEnvironmentTest {
    @TempDir
    Path results;

    private Properties written() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(results.resolve(AllureEnvironment.FILE_NAME), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void should_add_properties_and_keep_those_written_before() throws IOException {
        AllureEnvironment.add(new Redactor(), results, Map.of("target", "lab"));

        AllureEnvironment.add(new Redactor(), results, Map.of("tokens.total", "1801", "endpoint", "https://a.example/?api-key=0123456789abcdef"));

        assertThat(written()).containsEntry("target", "lab").containsEntry("tokens.total", "1801")
                .containsEntry("endpoint", "https://a.example/?api-key=REDACTED");
    }
}
