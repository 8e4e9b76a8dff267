package io.aoailab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.config.ConfigSources;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureEnvironmentTest {
    @TempDir
    Path results;

    @Test
    void should_add_entries_after_those_written_before_and_redact_them() {
        AllureEnvironment.add(new Redactor(), results, Map.of("target", "lab"));

        AllureEnvironment.add(new Redactor(), results, Map.of("tokens.total", "1801", "endpoint",
                "https://a.example/?api-key=0123456789abcdef&x=<y>"));

        assertThat(AllureEnvironment.read(results)).containsEntry("target", "lab").containsEntry("tokens.total", "1801")
                .containsEntry("endpoint", "https://a.example/?api-key=REDACTED&x=<y>");
        assertThat(AllureEnvironment.read(results).keySet()).first().isEqualTo("target");
    }

    @Test
    void should_put_the_target_first_and_name_hosts_not_urls() {
        Map<String, String> live = Map.of("LAB_TARGET", "live", "OPENAI_ENDPOINT_1", "https://aoai-eus.openai.azure.com/",
                "OPENAI_ENDPOINT_2", "https://aoai-eus2.openai.azure.com:8443/");
        SuiteConfig config = new SuiteConfigResolver(ConfigSources.of(live, Map.of(), Map.of())).resolve();

        Map<String, String> entries = AllureEnvironment.entries(config, config.liveEndpoints(), "1.2.3", "abc1234");

        assertThat(entries.keySet()).containsExactly("target", "openai.1", "openai.2", "api-version", "deployment",
                "intended.pool.weights", "suite.version", "suite.commit");
        assertThat(entries).containsEntry("target", "live").containsEntry("openai.1", "aoai-eus.openai.azure.com")
                .containsEntry("openai.2", "aoai-eus2.openai.azure.com:8443").containsEntry("suite.commit", "abc1234");
    }
}
