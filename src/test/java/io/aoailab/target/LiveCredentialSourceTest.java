package io.aoailab.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.identity.ClientAssertionCredential;
import com.azure.identity.DefaultAzureCredential;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.LiveCredentials;
import io.aoailab.config.SuiteConfigResolver;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiveCredentialSourceTest {
    private static final HttpClientFactory HTTP = new HttpClientFactory(Duration.ofSeconds(5),
            NetworkPosture.jdkDefaults().direct());
    /** What a GitHub job with id-token: write has, plus the app registration's ids. */
    private static final Map<String, String> GITHUB_JOB = Map.of(
            "ACTIONS_ID_TOKEN_REQUEST_URL", "https://pipelines.actions.githubusercontent.com/abc/idtoken?api-version=2.0",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token",
            "AZURE_TENANT_ID", "4f8c2a1e-7b3d-4e6f-a9c8-1d2e3f4a5b6c",
            "AZURE_CLIENT_ID", "1a2b3c4d-0001-4000-8000-000000000001");

    @AfterAll
    static void close() {
        HTTP.close();
    }

    @ParameterizedTest
    @CsvSource({
        "https://login.microsoftonline.com/, true",
        "https://LOGIN.microsoftonline.us, true",
        "https://login.chinacloudapi.cn/, true",
        "https://127.0.0.1:47000/, false",
        "https://adfs.contoso.com/adfs, false"})
    void should_keep_instance_discovery_for_microsoft_clouds_only(String authority, boolean microsoft) {
        assertThat(LiveCredentialSource.isMicrosoftCloud(URI.create(authority))).isEqualTo(microsoft);
    }

    @Test
    void should_sign_a_github_job_in_with_a_client_assertion_credential() {
        assertThat(new LiveCredentialSource(settings(GITHUB_JOB), HTTP).defaultCaller())
                .isInstanceOf(ClientAssertionCredential.class);
    }

    @ParameterizedTest
    @CsvSource({
        "AZURE_CLIENT_SECRET, a-client-secret",
        "AZURE_FEDERATED_TOKEN_FILE, /var/run/secrets/azure/tokens/azure-identity-token"})
    void should_leave_a_configured_secret_or_token_file_to_the_default_chain(String key, String value) {
        Map<String, String> environment = new HashMap<>(GITHUB_JOB);
        environment.put(key, value);

        assertThat(new LiveCredentialSource(settings(environment), HTTP).defaultCaller())
                .isInstanceOf(DefaultAzureCredential.class);
    }

    @ParameterizedTest
    @CsvSource({"ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "AZURE_TENANT_ID", "AZURE_CLIENT_ID"})
    void should_use_the_default_chain_unless_all_four_values_are_there(String missing) {
        Map<String, String> environment = new HashMap<>(GITHUB_JOB);
        environment.remove(missing);

        assertThat(new LiveCredentialSource(settings(environment), HTTP).defaultCaller())
                .isInstanceOf(DefaultAzureCredential.class);
    }

    @Test
    void should_take_githubs_variables_from_the_parameters_of_a_run_configured_by_them_alone() {
        // a run of the project's tests: configuration parameters stand in for the environment GitHub sets
        Map<String, String> parameters = new HashMap<>(GITHUB_JOB);
        LiveCredentials settings = new SuiteConfigResolver(ConfigSources.only("configuration parameter",
                key -> java.util.Optional.ofNullable(parameters.get(key)))).resolve().credentials();

        assertThat(settings.inheritedEnvironment().variables()).containsOnlyKeys("ACTIONS_ID_TOKEN_REQUEST_URL",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN");
        assertThat(new LiveCredentialSource(settings, HTTP).defaultCaller()).isInstanceOf(ClientAssertionCredential.class);
    }

    private static LiveCredentials settings(Map<String, String> environment) {
        return new SuiteConfigResolver(ConfigSources.of(environment, Map.of(), Map.of())).resolve().credentials();
    }
}
