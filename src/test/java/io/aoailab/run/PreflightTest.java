package io.aoailab.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.config.ConfigSources;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PreflightTest {

    private static String describe(Optional<Supplier<SuiteConfig>> config) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Preflight.describe(new PrintStream(printed, true, StandardCharsets.UTF_8), new TagSelection("responses"),
                config);
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static Supplier<SuiteConfig> resolving(Map<String, String> environment) {
        return () -> new SuiteConfigResolver(ConfigSources.of(environment, Map.of(), Map.of())).resolve();
    }

    @Test
    void should_open_the_run_with_its_target_and_scenarios() {
        assertThat(describe(Optional.of(resolving(Map.of())))).isEqualTo(
                "aoai-lab-suite: validating the embedded lab (LAB_TARGET=lab); scenarios: responses\n");
        assertThat(describe(Optional.of(resolving(Map.of("LAB_TARGET", "live", "OPENAI_ENDPOINT_1",
                "https://a.openai.azure.com/", "OPENAI_ENDPOINT_2", "https://b.openai.azure.com/")))))
                .isEqualTo("aoai-lab-suite: validating live Azure (LAB_TARGET=live): a.openai.azure.com,"
                        + " b.openai.azure.com; scenarios: responses\n");
    }

    @Test
    void should_print_a_configuration_error_once_at_the_top_without_a_secret() {
        String printed = describe(Optional.of(resolving(Map.of("APIM_GATEWAY_URL", "https://apim.azure-api.net/",
                "APIM_SUBSCRIPTION_KEY", "has a space 0123456789abcdef"))));

        assertThat(printed).isEqualTo("aoai-lab-suite: the configuration is invalid, so this run validates nothing:\n"
                + "  APIM_SUBSCRIPTION_KEY=<redacted> (from environment variable) holds spaces, quotes or other"
                + " characters a credential never has. Fix: paste the APIM subscription key for the OpenAI API"
                + " again, exactly as issued.\n");
        assertThat(printed).doesNotContain("0123456789abcdef");
    }

    @Test
    void should_say_when_the_run_ignores_the_users_configuration() {
        assertThat(describe(Optional.empty())).startsWith("aoai-lab-suite: the project's own run of the scenarios"
                + " against the embedded lab, configuration ignored");
    }
}
