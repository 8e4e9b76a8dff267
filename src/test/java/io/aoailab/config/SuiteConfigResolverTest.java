package io.aoailab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.config.IntendedDeployment.IntendedRegion;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuiteConfigResolverTest {
    private static final String SUBSCRIPTION_KEY = "0123456789abcdef0123456789abcdef";
    private static final String CLIENT_SECRET = "Xy7~Q.super-secret-value_42";

    private static SuiteConfig resolve(Map<String, String> env) {
        return resolve(env, Map.of(), Map.of());
    }

    private static SuiteConfig resolve(Map<String, String> env, Map<String, String> sys, Map<String, String> dotenv) {
        return new SuiteConfigResolver(ConfigSources.of(env, sys, dotenv)).resolve();
    }

    private static Map<String, String> live() {
        Map<String, String> env = new HashMap<>();
        env.put("LAB_TARGET", "live");
        env.put("OPENAI_ENDPOINT_1", "https://aoai-eus.openai.azure.com/");
        env.put("OPENAI_ENDPOINT_2", "https://aoai-eus2.openai.azure.com/");
        env.put("APIM_GATEWAY_URL", "https://apim-lab.azure-api.net/openai");
        env.put("APIM_SUBSCRIPTION_KEY", SUBSCRIPTION_KEY);
        env.put("AZURE_CLIENT_SECRET", CLIENT_SECRET);
        return env;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static String errorOf(Map<String, String> env) {
        try {
            resolve(env);
        } catch (ConfigurationException e) {
            return e.getMessage();
        }
        throw new AssertionError("Expecting a ConfigurationException for " + env.keySet() + " but resolution passed");
    }

    @Nested
    class Defaults {
        @Test
        void should_target_the_lab_with_the_reference_deployment_when_nothing_is_set() {
            SuiteConfig config = resolve(Map.of());

            assertThat(config.target()).isEqualTo(Target.LAB);
            assertThat(config.modelDeployment()).isEqualTo("gpt-4o");
            assertThat(config.apiVersion()).isEqualTo("2025-03-01-preview");
            assertThat(config.intended().regions()).containsExactly(
                    new IntendedRegion("East US", 50), new IntendedRegion("East US 2", 50));
            assertThat(config.httpTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.personas()).extracting(Persona::name).containsExactly("minimum", "ai-user-only",
                    "openai-only", "no-storage", "no-search", "contributor-only", "no-role");
            assertThat(config.persona("minimum").orElseThrow().intended()).extracting(Object::toString).containsExactly(
                    "Cognitive Services OpenAI User@openai", "Azure AI User@project",
                    "Storage Blob Data Contributor@container", "Search Index Data Reader@index");
            assertThat(config.rbac().propagation()).isZero();
            assertThat(config.rbac().keyAuthDisabled()).isTrue();
            assertThat(config.liveEndpoints().openai()).isEmpty();
            assertThat(config.clients()).containsExactly(Client.AZURE_AI_OPENAI, Client.OPENAI_JAVA);
            assertThat(config.intended().foundryRegion()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "openai-java|OPENAI_JAVA",
            "azure-ai-openai|AZURE_AI_OPENAI",
            "' OpenAI-Java , azure-ai-openai'|OPENAI_JAVA,AZURE_AI_OPENAI"})
        void should_run_the_clients_named_in_the_order_named(String named, String clients) {
            assertThat(resolve(Map.of("OPENAI_CLIENTS", named)).clients()).extracting(Client::name)
                    .containsExactly(clients.split(","));
        }

        @Test
        void should_hold_the_projects_own_surface_to_the_region_named() {
            assertThat(resolve(Map.of("EXPECTED_FOUNDRY_REGION", "Sweden Central")).intended().foundryRegion())
                    .contains("Sweden Central");
        }

        @Test
        void should_hold_the_pool_and_its_measurement_to_the_documented_defaults_when_nothing_is_set() {
            // WHEN
            SuiteConfig config = resolve(Map.of());

            // THEN
            assertThat(config.intended().pool()).isEqualTo(new PoolIntent("x-ms-region", Duration.ofSeconds(10),
                    Duration.ofSeconds(10)));
            assertThat(config.distribution()).isEqualTo(new DistributionSettings(0.001, 0.001, 0.20, 2000, 4,
                    Duration.ofSeconds(120)));
            assertThat(config.liveEndpoints().apimSuspendedSubscriptionKey()).isEmpty();
        }

        @Test
        void should_take_the_pool_and_measurement_settings_given() {
            // GIVEN
            Map<String, String> env = new HashMap<>();
            env.put("EXPECTED_REGION_HEADER", "X-Backend-Region");
            env.put("EXPECTED_FAILOVER_SECONDS", "30");
            env.put("EXPECTED_REJOIN_SECONDS", "45");
            env.put("DISTRIBUTION_ALPHA", "0.01");
            env.put("DISTRIBUTION_BETA", "0.05");
            env.put("DISTRIBUTION_DELTA", "0.1");
            env.put("DISTRIBUTION_MAX_REQUESTS", "5000");
            env.put("DISTRIBUTION_CONCURRENCY", "8");
            env.put("POOL_RECOVERY_SECONDS", "600");

            // WHEN
            SuiteConfig config = resolve(env);

            // THEN the header as HTTP compares it: without case
            assertThat(config.intended().pool()).isEqualTo(new PoolIntent("x-backend-region",
                    Duration.ofSeconds(30), Duration.ofSeconds(45)));
            assertThat(config.distribution()).isEqualTo(new DistributionSettings(0.01, 0.05, 0.1, 5000, 8,
                    Duration.ofSeconds(600)));
        }

        @ParameterizedTest
        @CsvSource({
            "EXPECTED_FAILOVER_SECONDS, 1", "EXPECTED_FAILOVER_SECONDS, 300",
            "EXPECTED_REJOIN_SECONDS, 0", "EXPECTED_REJOIN_SECONDS, 600",
            "DISTRIBUTION_ALPHA, 0.0001", "DISTRIBUTION_ALPHA, 0.2",
            "DISTRIBUTION_BETA, 0.0001", "DISTRIBUTION_BETA, 0.2",
            "DISTRIBUTION_DELTA, 0.05", "DISTRIBUTION_DELTA, 0.5",
            "DISTRIBUTION_MAX_REQUESTS, 50", "DISTRIBUTION_MAX_REQUESTS, 100000",
            "DISTRIBUTION_CONCURRENCY, 1", "DISTRIBUTION_CONCURRENCY, 32",
            "POOL_RECOVERY_SECONDS, 1", "POOL_RECOVERY_SECONDS, 3600"})
        void should_accept_the_bounds_of_each_pool_and_measurement_setting(String key, String value) {
            // WHEN
            SuiteConfig config = resolve(Map.of(key, value));

            // THEN
            Map<String, Number> resolved = Map.of(
                    "EXPECTED_FAILOVER_SECONDS", config.intended().pool().failoverWithin().toSeconds(),
                    "EXPECTED_REJOIN_SECONDS", config.intended().pool().rejoinWithin().toSeconds(),
                    "DISTRIBUTION_ALPHA", config.distribution().alpha(),
                    "DISTRIBUTION_BETA", config.distribution().beta(),
                    "DISTRIBUTION_DELTA", config.distribution().delta(),
                    "DISTRIBUTION_MAX_REQUESTS", config.distribution().maxRequests(),
                    "DISTRIBUTION_CONCURRENCY", config.distribution().concurrency(),
                    "POOL_RECOVERY_SECONDS", config.distribution().recoveryTimeout().toSeconds());
            assertThat(resolved.get(key).doubleValue()).as(key).isEqualTo(Double.parseDouble(value));
        }

        @Test
        void should_compute_expected_shares_from_the_intended_weights() {
            SuiteConfig config = resolve(Map.of("EXPECTED_POOL_WEIGHTS", "East US=30, East US 2=90"));

            IntendedDeployment intended = config.intended();
            assertThat(intended.region("East US 2").orElseThrow().expectedShare(intended)).isEqualTo(0.75);
            assertThat(intended.totalWeight()).isEqualTo(120);
        }
    }

    @Nested
    class Precedence {
        @Test
        void should_prefer_the_environment_over_system_properties_and_dotenv() {
            SuiteConfig config = resolve(Map.of("OPENAI_MODEL_DEPLOYMENT", "from-env"),
                    Map.of("OPENAI_MODEL_DEPLOYMENT", "from-sys"), Map.of("OPENAI_MODEL_DEPLOYMENT", "from-dotenv"));

            assertThat(config.modelDeployment()).isEqualTo("from-env");
        }

        @Test
        void should_prefer_system_properties_over_dotenv() {
            SuiteConfig config = resolve(Map.of(), Map.of("OPENAI_MODEL_DEPLOYMENT", "from-sys"),
                    Map.of("OPENAI_MODEL_DEPLOYMENT", "from-dotenv"));

            assertThat(config.modelDeployment()).isEqualTo("from-sys");
        }

        @Test
        void should_take_dotenv_over_the_default() {
            SuiteConfig config = resolve(Map.of(), Map.of(), Map.of("OPENAI_MODEL_DEPLOYMENT", "from-dotenv"));

            assertThat(config.modelDeployment()).isEqualTo("from-dotenv");
        }

        @Test
        void should_treat_a_blank_value_as_unset_and_fall_through() {
            SuiteConfig config = resolve(Map.of("OPENAI_MODEL_DEPLOYMENT", "  "), Map.of(),
                    Map.of("OPENAI_MODEL_DEPLOYMENT", "from-dotenv"));

            assertThat(config.modelDeployment()).isEqualTo("from-dotenv");
        }

        @Test
        void should_name_the_source_of_a_bad_value() {
            assertThatThrownBy(() -> resolve(Map.of(), Map.of(), Map.of("LAB_TARGET", "prod")))
                    .hasMessageContaining("(from .env)");
            assertThatThrownBy(() -> resolve(Map.of(), Map.of("LAB_TARGET", "prod"), Map.of()))
                    .hasMessageContaining("(from system property)");
        }
    }

    @Nested
    class Live {
        @Test
        void should_resolve_the_configured_endpoints_and_credentials() {
            SuiteConfig config = resolve(with(live(), "AZURE_TENANT_ID", "tenant-1"));

            assertThat(config.target()).isEqualTo(Target.LIVE);
            assertThat(config.liveEndpoints().openai()).containsExactly(
                    URI.create("https://aoai-eus.openai.azure.com/"), URI.create("https://aoai-eus2.openai.azure.com/"));
            assertThat(config.liveEndpoints().apimSubscriptionKey()).contains(Secret.of(SUBSCRIPTION_KEY));
            assertThat(config.credentials().tenantId()).contains("tenant-1");
            assertThat(config.credentials().authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.com/"));
        }

        @ParameterizedTest
        @CsvSource({"OPENAI_ENDPOINT_1", "OPENAI_ENDPOINT_2"})
        void should_name_a_missing_required_key(String key) {
            Map<String, String> env = live();
            env.remove(key);

            assertThat(errorOf(env)).startsWith(key + " is not set, but LAB_TARGET=live needs it. Fix: set " + key)
                    .doesNotContain(SUBSCRIPTION_KEY, CLIENT_SECRET);
        }

        @ParameterizedTest
        @CsvSource({"APIM_GATEWAY_URL,APIM_SUBSCRIPTION_KEY", "APIM_SUBSCRIPTION_KEY,APIM_GATEWAY_URL",
                "AI_SEARCH_INDEX_NAME,AI_SEARCH_ENDPOINT"})
        void should_name_the_missing_half_of_a_pair(String missing, String present) {
            Map<String, String> env = with(live(), "AI_SEARCH_ENDPOINT", "https://srch.search.windows.net");
            env.put("AI_SEARCH_INDEX_NAME", "docs");
            env.remove(missing);

            assertThat(errorOf(env)).startsWith(missing + " is not set, but " + present + " is set and needs it. Fix: set "
                    + missing).endsWith("or unset " + present + ".").doesNotContain(SUBSCRIPTION_KEY);
        }

        @Test
        void should_leave_the_optional_parts_out_when_none_is_set() {
            Map<String, String> env = live();
            env.remove("APIM_GATEWAY_URL");
            env.remove("APIM_SUBSCRIPTION_KEY");

            SuiteConfig config = resolve(env);

            assertThat(config.liveEndpoints().apimGateway()).isEmpty();
            assertThat(config.liveEndpoints().foundryProject()).isEmpty();
        }

        @Test
        void should_read_personas_with_their_credentials_and_intended_roles() {
            Map<String, String> env = live();
            env.put("PERSONAS", "no-role, openai-user");
            env.put("PERSONA_NO_ROLE_CLIENT_ID", "id-1");
            env.put("PERSONA_NO_ROLE_CLIENT_SECRET", "persona-secret-1");
            env.put("PERSONA_OPENAI_USER_CLIENT_ID", "id-2");
            env.put("PERSONA_OPENAI_USER_CLIENT_SECRET", "persona-secret-2");
            env.put("PERSONA_NO_ROLE_ROLES", "none");
            env.put("PERSONA_OPENAI_USER_ROLES", "Cognitive Services OpenAI User@openai-2, 53ca6127-db72-4b80-b1b0-d745d6d5456d");

            SuiteConfig config = resolve(env);

            assertThat(config.personas()).extracting(Persona::name).containsExactly("no-role", "openai-user");
            assertThat(config.persona("no-role").orElseThrow().intended()).isEmpty();
            assertThat(config.persona("openai-user").orElseThrow().intended()).extracting(Object::toString)
                    .containsExactly("Cognitive Services OpenAI User@openai-2", "Azure AI User@resource-group");
        }

        @Test
        void should_name_the_missing_key_of_a_declared_persona() {
            Map<String, String> env = with(live(), "PERSONAS", "no-role");
            env.put("PERSONA_NO_ROLE_CLIENT_ID", "id-1");

            assertThat(errorOf(env)).startsWith("PERSONA_NO_ROLE_CLIENT_SECRET is not set")
                    .contains("remove 'no-role' from PERSONAS");
        }

        @Test
        void should_run_the_shipped_personas_on_live_without_credentials_and_wait_ten_minutes_for_roles() {
            SuiteConfig config = resolve(live());

            assertThat(config.personas()).hasSize(7).noneMatch(Persona::hasCredentials);
            assertThat(config.rbac().personasDeclared()).isFalse();
            assertThat(config.rbac().propagation()).isEqualTo(Duration.ofSeconds(600));
        }

        @Test
        void should_read_the_accounts_keys_the_container_and_the_key_auth_intent() {
            Map<String, String> env = live();
            env.put("OPENAI_API_KEY_2", "account-key-2-value");
            env.put("STORAGE_CONTAINER_NAME", "docs");
            env.put("EXPECTED_KEY_AUTH", "Enabled");
            env.put("RBAC_PROPAGATION_SECONDS", "0");

            SuiteConfig config = resolve(env);

            assertThat(config.liveEndpoints().accountKeys()).containsOnlyKeys(
                    URI.create("https://aoai-eus2.openai.azure.com/"));
            assertThat(config.secrets()).contains("account-key-2-value");
            assertThat(config.liveEndpoints().storageContainer()).contains("docs");
            assertThat(config.rbac().keyAuthDisabled()).isFalse();
            assertThat(config.rbac().propagation()).isZero();
        }

        @Test
        void should_not_need_persona_credentials_on_the_lab() {
            SuiteConfig config = resolve(Map.of("PERSONAS", "no-role", "PERSONA_NO_ROLE_ROLES", "Reader"));

            assertThat(config.persona("no-role").orElseThrow().clientSecret()).isEmpty();
        }
    }

    @Nested
    class BadConfiguration {

        @Test
        void should_name_an_unknown_role_of_a_persona() {
            assertThat(errorOf(Map.of("PERSONAS", "x", "PERSONA_X_ROLES", "Cognitive Services OpenAI Usr@openai")))
                    .startsWith("PERSONA_X_ROLES='Cognitive Services OpenAI Usr@openai' (from environment variable)"
                            + " names 'Cognitive Services OpenAI Usr', which is not a built-in role the suite knows.")
                    .contains("Fix: use a role's name or GUID");
        }

        @Test
        void should_name_an_unknown_scope_of_a_persona() {
            assertThat(errorOf(Map.of("PERSONAS", "x", "PERSONA_X_ROLES", "Reader@blob")))
                    .contains("names the scope 'blob', which the suite does not know")
                    .contains("openai, openai-<n>, foundry, project, storage, container, search, index");
        }

        @Test
        void should_ask_for_the_intended_roles_of_a_persona_the_suite_does_not_ship() {
            assertThat(errorOf(Map.of("PERSONAS", "reviewer"))).startsWith("PERSONA_REVIEWER_ROLES is not set")
                    .contains("or none");
        }

        @Test
        void should_refuse_a_key_auth_intent_that_is_neither_state() {
            assertThat(errorOf(Map.of("EXPECTED_KEY_AUTH", "off"))).startsWith("EXPECTED_KEY_AUTH='off'")
                    .contains("is neither disabled nor enabled");
        }

        @Test
        void should_refuse_a_container_name_storage_would_refuse() {
            assertThat(errorOf(Map.of("STORAGE_CONTAINER_NAME", "Docs_1"))).contains("is not a container name");
        }

        @Test
        void should_refuse_a_key_for_an_account_that_is_not_configured() {
            assertThat(errorOf(Map.of("OPENAI_API_KEY_1", "some-key-value")))
                    .startsWith("OPENAI_ENDPOINT_1 is not set, but OPENAI_API_KEY_1 is set")
                    .doesNotContain("some-key-value");
        }
        @Test
        void should_reject_an_unknown_target() {
            assertThat(errorOf(Map.of("LAB_TARGET", "prod"))).isEqualTo("LAB_TARGET='prod' (from environment variable)"
                    + " is not a target. Fix: set LAB_TARGET to lab (the embedded emulator, the default) or live"
                    + " (real Azure).");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "not a url at all|is not a URL",
            "aoai-eus.openai.azure.com|is not an absolute https URL",
            "http://aoai-eus.openai.azure.com/|is not an absolute https URL",
            "https://aoai-eus.openai.azure.com/?api-version=1|carries a query or fragment"})
        void should_reject_a_malformed_endpoint(String url, String problem) {
            assertThat(errorOf(with(live(), "OPENAI_ENDPOINT_1", url)))
                    .startsWith("OPENAI_ENDPOINT_1='" + url + "' (from environment variable) " + problem)
                    .contains("Fix: set OPENAI_ENDPOINT_1 to the first Azure OpenAI endpoint");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "East US=fifty,East US 2=50|has a weight that is not a whole number: 'fifty'",
            "East US:50,East US 2:50|has an entry that is not <region>=<weight>",
            "East US=50|has no weight for 'East US 2'",
            "East US=50,East US 2=50,West US=10|names 'West US', which is not an expected region",
            "East US=50,East US=50|names 'East US' twice",
            "East US=0,East US 2=0|gives every region weight 0",
            "East US=-1,East US 2=50|has a weight out of range: -1",
            "East US=5000,East US 2=50|has a weight out of range: 5000"})
        void should_reject_weights_that_do_not_parse(String weights, String problem) {
            assertThat(errorOf(Map.of("EXPECTED_POOL_WEIGHTS", weights)))
                    .startsWith("EXPECTED_POOL_WEIGHTS='" + weights + "' (from environment variable) " + problem)
                    .contains("Fix: write one <region>=<weight> per expected region (East US, East US 2)");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "openai|names 'openai', which is not a client the suite has",
            "openai-java,,azure-ai-openai|names '', which is not a client the suite has",
            "openai-java,OPENAI-JAVA|names 'openai-java' twice"})
        void should_reject_clients_it_does_not_have(String named, String problem) {
            assertThat(errorOf(Map.of("OPENAI_CLIENTS", named)))
                    .startsWith("OPENAI_CLIENTS='" + named + "' (from environment variable) " + problem)
                    .contains("Fix: name one or both of azure-ai-openai and openai-java, comma-separated");
        }

        @Test
        void should_reject_two_endpoints_expected_in_the_same_region() {
            assertThat(errorOf(Map.of("EXPECTED_REGION_2", "East US"))).startsWith(
                    "EXPECTED_REGION_2='East US' (from environment variable) repeats EXPECTED_REGION_1");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "2024-10-21|predates the Responses API",
            "2025-02-01-preview|predates the Responses API",
            "latest|is not a dated api-version",
            "2025-13-45-preview|is not a dated api-version"})
        void should_reject_an_api_version_without_responses(String version, String problem) {
            assertThat(errorOf(Map.of("OPENAI_API_VERSION", version)))
                    .startsWith("OPENAI_API_VERSION='" + version + "' (from environment variable) " + problem)
                    .contains("Fix: use a dated api-version with the Responses API");
        }

        @ParameterizedTest
        @CsvSource({"0", "601", "thirty"})
        void should_reject_a_timeout_out_of_range(String seconds) {
            assertThat(errorOf(Map.of("HTTP_TIMEOUT_SECONDS", seconds))).startsWith(
                    "HTTP_TIMEOUT_SECONDS='" + seconds + "' (from environment variable) is not a whole number of seconds");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "EXPECTED_FAILOVER_SECONDS|ten|1 to 300|10",
            "EXPECTED_FAILOVER_SECONDS|0|1 to 300|10",
            "EXPECTED_FAILOVER_SECONDS|-5|1 to 300|10",
            "EXPECTED_FAILOVER_SECONDS|301|1 to 300|10",
            "EXPECTED_FAILOVER_SECONDS|2.5|1 to 300|10",
            "EXPECTED_REJOIN_SECONDS|soon|0 to 600|10",
            "EXPECTED_REJOIN_SECONDS|-1|0 to 600|10",
            "EXPECTED_REJOIN_SECONDS|601|0 to 600|10",
            "DISTRIBUTION_MAX_REQUESTS|many|50 to 100000|2000",
            "DISTRIBUTION_MAX_REQUESTS|0|50 to 100000|2000",
            "DISTRIBUTION_MAX_REQUESTS|-2000|50 to 100000|2000",
            "DISTRIBUTION_MAX_REQUESTS|49|50 to 100000|2000",
            "DISTRIBUTION_MAX_REQUESTS|100001|50 to 100000|2000",
            "DISTRIBUTION_MAX_REQUESTS|99999999999|50 to 100000|2000",
            "DISTRIBUTION_CONCURRENCY|four|1 to 32|4",
            "DISTRIBUTION_CONCURRENCY|0|1 to 32|4",
            "DISTRIBUTION_CONCURRENCY|-4|1 to 32|4",
            "DISTRIBUTION_CONCURRENCY|33|1 to 32|4",
            "POOL_RECOVERY_SECONDS|2m|1 to 3600|120",
            "POOL_RECOVERY_SECONDS|0|1 to 3600|120",
            "POOL_RECOVERY_SECONDS|-120|1 to 3600|120",
            "POOL_RECOVERY_SECONDS|3601|1 to 3600|120"})
        void should_reject_a_pool_or_measurement_count_out_of_its_range(String key, String value, String range,
                String example) {
            // WHEN
            String message = errorOf(Map.of(key, value));

            // THEN one line: the key, the value, its source, the range and the fix
            assertThat(message).isEqualTo(key + "='" + value + "' (from environment variable) is not a whole number"
                    + (key.endsWith("_SECONDS") ? " of seconds" : "") + " from " + range + ". Fix: set it to e.g. "
                    + example + ".");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "DISTRIBUTION_ALPHA|often|0.001",
            "DISTRIBUTION_ALPHA|0|0.001",
            "DISTRIBUTION_ALPHA|-0.001|0.001",
            "DISTRIBUTION_ALPHA|0.00009|0.001",
            "DISTRIBUTION_ALPHA|0.21|0.001",
            "DISTRIBUTION_ALPHA|0.5|0.001",
            "DISTRIBUTION_ALPHA|NaN|0.001",
            "DISTRIBUTION_BETA|rarely|0.001",
            "DISTRIBUTION_BETA|0|0.001",
            "DISTRIBUTION_BETA|-0.001|0.001",
            "DISTRIBUTION_BETA|0.5|0.001",
            "DISTRIBUTION_BETA|1|0.001",
            "DISTRIBUTION_DELTA|20%|0.20",
            "DISTRIBUTION_DELTA|0|0.20",
            "DISTRIBUTION_DELTA|-0.2|0.20",
            "DISTRIBUTION_DELTA|0.04|0.20",
            "DISTRIBUTION_DELTA|0.51|0.20",
            "DISTRIBUTION_DELTA|1|0.20",
            "DISTRIBUTION_DELTA|Infinity|0.20"})
        void should_reject_an_error_rate_or_tolerance_out_of_its_range(String key, String value, String example) {
            // WHEN
            String message = errorOf(Map.of(key, value));

            // THEN one line: the key, the value, its source and the fix
            assertThat(message).startsWith(key + "='" + value + "' (from environment variable) is not a number from ")
                    .endsWith(". Fix: set it to e.g. " + example + ".").doesNotContain("\n");
        }

        @Test
        void should_give_the_range_of_the_tolerance_in_its_error() {
            assertThat(errorOf(Map.of("DISTRIBUTION_DELTA", "0.6"))).isEqualTo("DISTRIBUTION_DELTA='0.6' (from"
                    + " environment variable) is not a number from 0.05 to 0.5. Fix: set it to e.g. 0.20.");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"x backend region", "x-backend-region:", "x-ms-région", "\"x-ms-region\"",
            "x-ms-region,x-backend-region"})
        void should_reject_a_region_header_that_is_not_a_header_name(String header) {
            assertThat(errorOf(Map.of("EXPECTED_REGION_HEADER", header))).isEqualTo("EXPECTED_REGION_HEADER='"
                    + header + "' (from environment variable) is not a header name. Fix: set it to x-ms-region, or"
                    + " to the header your APIM policy sets, e.g. x-backend-region.");
        }

        @Test
        void should_reject_a_deployment_name_azure_would_not_accept() {
            assertThat(errorOf(Map.of("OPENAI_MODEL_DEPLOYMENT", "gpt 4o"))).startsWith(
                    "OPENAI_MODEL_DEPLOYMENT='gpt 4o' (from environment variable) is not a deployment name");
        }

        @Test
        void should_reject_a_missing_file(@TempDir Path dir) {
            String missing = dir.resolve("missing.pem").toString();

            assertThat(errorOf(Map.of("EXTRA_CA_CERT_FILE", missing))).startsWith(
                    "EXTRA_CA_CERT_FILE='" + missing + "' (from environment variable) is not a readable file");
        }

        @Test
        void should_reject_a_persona_name_that_cannot_form_keys() {
            assertThat(errorOf(Map.of("PERSONAS", "ok,no role"))).startsWith(
                    "PERSONAS='ok,no role' (from environment variable) declares 'no role', which is not a persona name");
        }
    }

    @Nested
    class Secrets {
        @Test
        void should_redact_a_bad_secret_in_the_error() {
            String pasted = "0123456789abcdef 0123456789abcdef";

            String message = errorOf(with(live(), "APIM_SUBSCRIPTION_KEY", pasted));

            assertThat(message).startsWith("APIM_SUBSCRIPTION_KEY=<redacted> (from environment variable) holds spaces")
                    .doesNotContain("0123456789abcdef");
        }

        @Test
        void should_hold_the_suspended_subscriptions_key_as_a_secret_the_run_redacts() {
            // GIVEN
            String suspended = "fedcba9876543210fedcba9876543210";

            // WHEN
            SuiteConfig config = resolve(with(live(), "APIM_SUSPENDED_SUBSCRIPTION_KEY", suspended));

            // THEN it is there to send, never to print, and the run's redactor learns it
            assertThat(config.liveEndpoints().apimSuspendedSubscriptionKey()).contains(Secret.of(suspended));
            assertThat(config.toString()).doesNotContain(suspended);
            assertThat(config.liveEndpoints().toString()).doesNotContain(suspended);
            assertThat(config.secrets()).contains(suspended, SUBSCRIPTION_KEY);
        }

        @Test
        void should_not_need_the_suspended_subscriptions_key_alongside_the_gateway() {
            SuiteConfig config = resolve(live());

            assertThat(config.liveEndpoints().apimGateway()).isPresent();
            assertThat(config.liveEndpoints().apimSuspendedSubscriptionKey()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"fedcba9876543210 fedcba9876543210", "'fedcba9876543210\"'"})
        void should_redact_a_bad_suspended_subscription_key_in_the_error(String pasted) {
            // WHEN
            String message = errorOf(with(live(), "APIM_SUSPENDED_SUBSCRIPTION_KEY", pasted));

            // THEN one line naming the key and the fix, without the value
            assertThat(message).startsWith("APIM_SUSPENDED_SUBSCRIPTION_KEY=<redacted> (from environment variable)"
                    + " holds spaces, quotes or other characters a credential never has. Fix: paste ")
                    .endsWith(" again, exactly as issued.")
                    .doesNotContain("fedcba9876543210", "\n");
        }

        @Test
        void should_never_print_secrets_from_the_resolved_configuration() {
            Map<String, String> env = with(live(), "PERSONAS", "no-role");
            env.put("PERSONA_NO_ROLE_CLIENT_ID", "id-1");
            env.put("PERSONA_NO_ROLE_CLIENT_SECRET", "persona-secret-value");

            String printed = resolve(env).toString();

            assertThat(printed).doesNotContain(SUBSCRIPTION_KEY, CLIENT_SECRET, "persona-secret-value")
                    .contains("Secret[REDACTED]");
        }
    }
}
