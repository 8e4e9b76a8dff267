package io.aoailab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.access.Way;
import io.aoailab.config.Client;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.report.Redactor;
import io.aoailab.target.LiveTarget;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.TestAbortedException;

/**
 * Which access paths a live configuration yields, named after the regions it expects and pointed at the URLs it
 * gives: built without a network, since no path calls anything until a scenario uses it.
 */
class AccessPathsTest {

    private static SuiteConfig live(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("LAB_TARGET", "live",
                "OPENAI_ENDPOINT_1", "https://aoai-weu.openai.azure.com/",
                "OPENAI_ENDPOINT_2", "https://aoai-sec.openai.azure.com/",
                "EXPECTED_REGION_1", "West Europe", "EXPECTED_REGION_2", "Sweden Central",
                "EXPECTED_POOL_WEIGHTS", "West Europe=50,Sweden Central=50"));
        env.putAll(extra);
        return new SuiteConfigResolver(ConfigSources.of(env, Map.of(), Map.of())).resolve();
    }

    @Test
    void should_offer_each_configured_endpoint_named_after_its_expected_region_with_each_client() {
        SuiteConfig config = live(Map.of());
        try (LiveTarget target = new LiveTarget(config)) {
            AccessPaths paths = new AccessPaths(config, target, new Redactor());

            assertThat(paths.all()).extracting(AccessPath::name).containsExactly(
                    "direct(West Europe)[azure-ai-openai]", "direct(West Europe)[openai-java]",
                    "direct(Sweden Central)[azure-ai-openai]", "direct(Sweden Central)[openai-java]");
            assertThat(paths.all()).extracting(p -> p.endpoint().toString()).containsExactly(
                    "https://aoai-weu.openai.azure.com/", "https://aoai-weu.openai.azure.com/",
                    "https://aoai-sec.openai.azure.com/", "https://aoai-sec.openai.azure.com/");
            assertThat(paths.all()).extracting(AccessPath::expectedRegion).containsExactly(
                    Optional.of("West Europe"), Optional.of("West Europe"), Optional.of("Sweden Central"),
                    Optional.of("Sweden Central"));
            assertThat(paths.all()).extracting(AccessPath::way).containsOnly(Way.DIRECT);
            // built without a call: the api-version probe waits for the first azure-ai-openai case
            assertThat(paths.all()).allSatisfy(p -> assertThat(p.calls()).isEmpty());
        }
    }

    @Test
    void should_add_apim_foundry_and_the_projects_own_surface_when_configured() {
        SuiteConfig config = live(Map.of("APIM_GATEWAY_URL", "https://apim-x.azure-api.net/",
                "APIM_SUBSCRIPTION_KEY", "0123456789abcdef0123456789abcdef",
                "AI_FOUNDRY_PROJECT_ENDPOINT", "https://aif-x.services.ai.azure.com/api/projects/p",
                "EXPECTED_FOUNDRY_CONNECTIONS", "aoai-weu=West Europe,aoai-sec=Sweden Central",
                "EXPECTED_FOUNDRY_REGION", "Sweden Central", "OPENAI_CLIENTS", "openai-java"));
        try (LiveTarget target = new LiveTarget(config)) {
            AccessPaths paths = new AccessPaths(config, target, new Redactor());

            assertThat(paths.all()).extracting(AccessPath::name).containsExactly("direct(West Europe)[openai-java]",
                    "direct(Sweden Central)[openai-java]", "apim[openai-java]", "foundry(aoai-weu)[openai-java]",
                    "foundry(aoai-sec)[openai-java]", "project[openai-java]");
            assertThat(paths.all()).extracting(AccessPath::description).containsExactly(
                    "directly to West Europe with openai-java", "directly to Sweden Central with openai-java",
                    "through APIM with openai-java", "through Foundry connection aoai-weu with openai-java",
                    "through Foundry connection aoai-sec with openai-java",
                    "through the Foundry project with openai-java");
            assertThat(paths.all()).extracting(AccessPath::way).containsExactly(Way.DIRECT, Way.DIRECT, Way.APIM,
                    Way.FOUNDRY_CONNECTION, Way.FOUNDRY_CONNECTION, Way.FOUNDRY_PROJECT);
            AccessPath apim = paths.all().get(2);
            assertThat(apim.endpoint()).hasToString("https://apim-x.azure-api.net/");
            assertThat(apim.expectedRegion()).as("any intended region may answer through APIM").isEmpty();
            // the foundry path's endpoint is its connection's target, resolved only when a case first uses it
            assertThat(paths.all().get(3).calls()).isEmpty();
            AccessPath project = paths.all().get(5);
            assertThat(project.endpoint()).hasToString("https://aif-x.services.ai.azure.com/api/projects/p");
            assertThat(project.expectedRegion()).contains("Sweden Central");
        }
    }

    @Test
    void should_leave_the_projects_own_surface_out_without_openai_java_which_alone_calls_it() {
        SuiteConfig config = live(Map.of("AI_FOUNDRY_PROJECT_ENDPOINT",
                "https://aif-x.services.ai.azure.com/api/projects/p", "EXPECTED_FOUNDRY_CONNECTIONS",
                "aoai-weu=West Europe", "OPENAI_CLIENTS", "azure-ai-openai"));
        try (LiveTarget target = new LiveTarget(config)) {
            AccessPaths paths = new AccessPaths(config, target, new Redactor());

            assertThat(paths.all()).extracting(AccessPath::name).containsExactly(
                    "direct(West Europe)[azure-ai-openai]", "direct(Sweden Central)[azure-ai-openai]",
                    "foundry(aoai-weu)[azure-ai-openai]");
        }
    }

    @ParameterizedTest
    @CsvSource({"APIM, through APIM", "FOUNDRY_CONNECTION, through a Foundry connection",
        "FOUNDRY_PROJECT, through the Foundry project"})
    void should_offer_an_absent_way_in_under_its_own_name_without_calling_anything(Way way, String sentence) {
        // GIVEN a live configuration with the two endpoints only: no gateway, no Foundry project
        SuiteConfig config = live(Map.of());
        try (LiveTarget target = new LiveTarget(config)) {
            AccessPaths paths = new AccessPaths(config, target, new Redactor());

            // WHEN
            AccessPath absent = paths.absent(way, Client.OPENAI_JAVA);

            // THEN it is named as a case through that way in would be, and has made no call
            assertThat(absent.way()).isEqualTo(way);
            assertThat(absent.client()).isEqualTo(Client.OPENAI_JAVA);
            assertThat(absent.description()).isEqualTo(sentence + " with openai-java");
            assertThat(absent.calls()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"APIM, APIM_GATEWAY_URL", "FOUNDRY_CONNECTION, AI_FOUNDRY_PROJECT_ENDPOINT",
        "FOUNDRY_PROJECT, AI_FOUNDRY_PROJECT_ENDPOINT"})
    void should_skip_a_case_asking_where_an_absent_way_in_points_naming_the_key_that_would_add_it(Way way,
            String key) {
        // GIVEN a live configuration without the key
        SuiteConfig config = live(Map.of());
        try (LiveTarget target = new LiveTarget(config)) {
            AccessPath absent = new AccessPaths(config, target, new Redactor()).absent(way, Client.AZURE_AI_OPENAI);

            // WHEN a case asks where it points THEN it is skipped, saying which key to set
            assertThatThrownBy(absent::endpoint).isInstanceOf(TestAbortedException.class)
                    .hasMessageStartingWith(key + " is not set, so there is no way in")
                    .hasMessageEndingWith("this case does not apply; set it to run the case");
            assertThatThrownBy(absent::expectedRegion).isInstanceOf(TestAbortedException.class)
                    .hasMessageStartingWith(key + " is not set");
        }
    }

    @ParameterizedTest
    @CsvSource({"APIM, APIM_GATEWAY_URL", "FOUNDRY_CONNECTION, AI_FOUNDRY_PROJECT_ENDPOINT",
        "FOUNDRY_PROJECT, AI_FOUNDRY_PROJECT_ENDPOINT"})
    void should_skip_a_case_calling_through_an_absent_way_in_naming_the_key_that_would_add_it(Way way, String key) {
        // GIVEN a live configuration without the key
        SuiteConfig config = live(Map.of());
        try (LiveTarget target = new LiveTarget(config)) {
            AccessPath absent = new AccessPaths(config, target, new Redactor()).absent(way, Client.OPENAI_JAVA);

            // WHEN a case calls through it THEN the case is skipped (not failed, not refused): nothing was called
            assertThatThrownBy(() -> absent.call(api -> api.create(Ask.of("gpt-4o", "Hello"))))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageStartingWith(key + " is not set, so there is no way in");
            assertThat(absent.calls()).isEmpty();
        }
    }

    @Test
    void should_name_the_first_endpoint_for_an_absent_direct_way_in() {
        // GIVEN the paths of a live configuration
        SuiteConfig config = live(Map.of());
        try (LiveTarget target = new LiveTarget(config)) {
            AccessPath absent = new AccessPaths(config, target, new Redactor()).absent(Way.DIRECT,
                    Client.AZURE_AI_OPENAI);

            // WHEN / THEN
            assertThat(absent.description()).isEqualTo("directly to an account with azure-ai-openai");
            assertThatThrownBy(absent::endpoint).isInstanceOf(TestAbortedException.class)
                    .hasMessageStartingWith("OPENAI_ENDPOINT_1 is not set, so there is no way in directly to an"
                            + " account");
        }
    }
}
