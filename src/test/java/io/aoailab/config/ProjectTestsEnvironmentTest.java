package io.aoailab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The project's own tests start their JVMs without the suite's keys, so a user's live configuration in the
 * environment never reaches them (pom.xml, project-tests.excluded.environment): a key added to the suite must be added
 * there too.
 */
class ProjectTestsEnvironmentTest {

    @Test
    void should_keep_every_configuration_key_out_of_the_project_tests_jvms() throws IOException {
        Matcher excluded = Pattern.compile("<project-tests.excluded.environment>([^<]*)<")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(excluded.find()).as("pom.xml declares project-tests.excluded.environment").isTrue();
        List<String> names = List.of(excluded.group(1).split(","));

        assertThat(names).as("variables the project's test JVMs start without")
                .containsAll(Arrays.stream(ConfigKey.values()).map(Enum::name).toList());
    }
}
