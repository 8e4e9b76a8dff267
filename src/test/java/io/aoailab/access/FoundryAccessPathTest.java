package io.aoailab.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import io.aoailab.access.AccessPath.ExpectedEndpoint;
import io.aoailab.config.Client;
import io.aoailab.report.Redactor;
import io.aoailab.testing.CannedResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Pins what the foundry path sends: the connection lookup azure-ai-projects makes (URL, token for
 * {@code https://ai.azure.com}), then the Responses call on the connection's target with the connection's credential,
 * and says in words what a project that cannot give the path its connection lacks.
 */
class FoundryAccessPathTest {
    private static final URI PROJECT = URI.create("https://aif-aoai-lab.services.ai.azure.com/api/projects/proj-aoai-lab");
    private static final List<ExpectedEndpoint> ENDPOINTS = List.of(
            new ExpectedEndpoint("OPENAI_ENDPOINT_1", URI.create("https://aoai-eus.openai.azure.com/"), "East US"),
            new ExpectedEndpoint("OPENAI_ENDPOINT_2", URI.create("https://aoai-eus2.openai.azure.com/"), "East US 2"));
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    private final List<HttpRequest> sent = new CopyOnWriteArrayList<>();
    private final List<String> scopes = new CopyOnWriteArrayList<>();
    private final TokenCredential credential = context -> {
        scopes.addAll(context.getScopes());
        return Mono.just(new AccessToken("test-token-value", OffsetDateTime.now().plusHours(1)));
    };

    /** A project with these connections (name to JSON), and accounts that answer every Responses call. */
    private HttpClient project(Map<String, String> connections) {
        return project(connections, false);
    }

    /** @param previewOnly whether the project refuses the GA connections api-version, as an older one would */
    private HttpClient project(Map<String, String> connections, boolean previewOnly) {
        return request -> {
            sent.add(request);
            String path = request.getUrl().getPath();
            if (previewOnly && path.contains("/connections") && request.getUrl().getQuery().contains("api-version=v1")) {
                return answer(request, 400, "{\"error\":{\"code\":\"UnsupportedApiVersionValue\",\"message\":"
                        + "\"Unsupported api version 'v1'. The supported versions are '2025-05-15-preview'\"}}");
            }
            if (path.endsWith("/connections")) {
                // the service filters by type and default, as the SDK asks it to
                String query = String.valueOf(request.getUrl().getQuery());
                return answer(request, 200, "{\"value\":[" + String.join(",", connections.values().stream()
                        .filter(c -> !query.contains("connectionType=") || c.contains("\"type\":\""
                                + query.replaceAll(".*connectionType=([^&]*).*", "$1") + "\""))
                        .filter(c -> !query.contains("defaultConnection=true") || c.contains("\"isDefault\":true"))
                        .map(c -> c.replaceAll(",\"key\":\"[^\"]*\"", "")).toList()) + "]}");
            }
            if (path.contains("/connections/")) {
                String name = path.substring(path.indexOf("/connections/") + 13).replace("/getConnectionWithCredentials", "");
                return connections.containsKey(name) ? answer(request, 200, connections.get(name))
                        : answer(request, 404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"Connection " + name
                                + " not found\"}}");
            }
            return answer(request, 200, ResponsesWire.RESPONSE);
        };
    }

    private static Mono<com.azure.core.http.HttpResponse> answer(HttpRequest request, int status, String body) {
        // each account answers from its own region; the project endpoint names none
        String host = request.getUrl().getHost();
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
        if (host.startsWith("aoai-")) {
            headers.set(HttpHeaderName.fromString("x-ms-region"), host.startsWith("aoai-eus2.") ? "East US 2"
                    : "East US");
        }
        return Mono.just(CannedResponse.of(request, status, headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String connection(String name, String type, String target, boolean isDefault, String credentials) {
        return "{\"name\":\"" + name + "\",\"id\":\"/x/connections/" + name + "\",\"type\":\"" + type + "\",\"target\":\""
                + target + "\",\"isDefault\":" + isDefault + ",\"credentials\":" + credentials + ",\"metadata\":{}}";
    }

    private static final String AAD = "{\"type\":\"AAD\"}";

    private final Redactor redactor = new Redactor();

    private AccessPath foundry(Map<String, String> connections, String name) {
        return foundry(connections, name, Optional.empty());
    }

    private AccessPath foundry(Map<String, String> connections, String name, Optional<String> intendedRegion) {
        return AccessPath.foundry(PROJECT, name, intendedRegion, ENDPOINTS, credential, Client.AZURE_AI_OPENAI,
                Paths.settings(project(connections), redactor));
    }

    private static Ask hello() {
        return Ask.of("gpt-4o", "Hello");
    }

    @Test
    void should_resolve_the_named_connection_as_the_sdk_does_then_call_its_target_with_an_entra_token() {
        AccessPath foundry = foundry(Map.of("aoai-eus2", connection("aoai-eus2", "AzureOpenAI",
                "https://aoai-eus2.openai.azure.com/", false, AAD)), "aoai-eus2");

        Call<Reply> call = foundry.call(api -> api.create(hello()));

        assertThat(call.records()).as("the lookup and the call, both records of this call").hasSize(2);
        assertThat(sent).extracting(r -> r.getHttpMethod() + " " + r.getUrl()).containsExactly(
                "POST " + PROJECT + "/connections/aoai-eus2/getConnectionWithCredentials?api-version=v1",
                "POST https://aoai-eus2.openai.azure.com/openai/responses?api-version=2025-03-01-preview");
        assertThat(sent).allSatisfy(r -> assertThat(r.getHeaders().getValue(HttpHeaderName.AUTHORIZATION))
                .isEqualTo("Bearer test-token-value"));
        assertThat(scopes).containsExactly("https://ai.azure.com/.default", AccessPath.OPENAI_SCOPE);
        assertThat(foundry.endpoint()).hasToString("https://aoai-eus2.openai.azure.com");
        assertThat(foundry.expectedRegion()).contains("East US 2");
        assertThat(foundry.calls()).extracting(CallRecord::path).containsOnly("foundry(aoai-eus2)[azure-ai-openai]");
    }

    @Test
    void should_ask_the_project_once_for_every_api_version_of_the_path() {
        AccessPath foundry = foundry(Map.of("aoai-eus2", connection("aoai-eus2", "AzureOpenAI",
                "https://aoai-eus2.openai.azure.com/", false, AAD)), "aoai-eus2");

        foundry.call(api -> api.create(hello())).value();
        foundry.withApiVersion("2024-10-21").call(api -> api.create(hello())).value();

        assertThat(sent).extracting(r -> r.getUrl().getPath() + "?" + r.getUrl().getQuery()).containsExactly(
                PROJECT.getPath() + "/connections/aoai-eus2/getConnectionWithCredentials?api-version=v1",
                "/openai/responses?api-version=2025-03-01-preview", "/openai/responses?api-version=2024-10-21");
    }

    @Test
    void should_ask_a_project_that_refuses_the_ga_connections_api_with_the_sdks_preview() {
        AccessPath foundry = AccessPath.foundry(PROJECT, "aoai-eus2", Optional.empty(), ENDPOINTS, credential,
                Client.AZURE_AI_OPENAI, Paths.settings(project(Map.of("aoai-eus2", connection("aoai-eus2",
                        "AzureOpenAI", "https://aoai-eus2.openai.azure.com/", false, AAD)), true), redactor));

        foundry.call(api -> api.create(hello())).value();

        assertThat(sent).extracting(r -> r.getUrl().getQuery()).containsExactly("api-version=v1",
                "api-version=2025-05-15-preview", "api-version=2025-03-01-preview");
    }

    @Test
    void should_call_the_connections_target_on_the_v1_surface_with_openai_java() {
        AccessPath foundry = AccessPath.foundry(PROJECT, "aoai-eus2", Optional.empty(), ENDPOINTS, credential,
                Client.OPENAI_JAVA, Paths.settings(project(Map.of("aoai-eus2", connection("aoai-eus2", "AzureOpenAI",
                        "https://aoai-eus2.openai.azure.com/", false, AAD))), redactor));

        foundry.call(api -> api.create(hello())).value();

        assertThat(sent).extracting(r -> r.getHttpMethod() + " " + r.getUrl()).containsExactly(
                "POST " + PROJECT + "/connections/aoai-eus2/getConnectionWithCredentials?api-version=v1",
                "POST https://aoai-eus2.openai.azure.com/openai/v1/responses");
        assertThat(scopes).containsExactly("https://ai.azure.com/.default", AccessPath.OPENAI_SCOPE);
    }

    @Test
    void should_list_every_azure_openai_connection_of_the_project() {
        List<String> names = FoundryConnections.azureOpenAi(PROJECT, credential, Paths.settings(project(Map.of(
                "search", connection("search", "CognitiveSearch", "https://srch.search.windows.net/", true, AAD),
                "aoai-eus", connection("aoai-eus", "AzureOpenAI", "https://aoai-eus.openai.azure.com/", true, AAD),
                "aoai-eus2", connection("aoai-eus2", "AzureOpenAI", "https://aoai-eus2.openai.azure.com/", false,
                        AAD)))));

        assertThat(names).containsExactlyInAnyOrder("aoai-eus", "aoai-eus2");
    }

    @Test
    void should_say_the_project_has_no_azure_openai_connection() {
        assertThatThrownBy(() -> FoundryConnections.azureOpenAi(PROJECT, credential, Paths.settings(project(Map.of(
                "search", connection("search", "CognitiveSearch", "https://srch.search.windows.net/", true, AAD))))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the Foundry project " + PROJECT + " to have Azure OpenAI connections,")
                .hasMessageContaining("but it has none. Its connections: search (CognitiveSearch, default).");
    }

    @Test
    void should_fail_a_connection_that_reaches_another_region_than_intended() {
        AccessPath foundry = foundry(Map.of("aoai-eus2", connection("aoai-eus2", "AzureOpenAI",
                "https://aoai-eus2.openai.azure.com/", false, AAD)), "aoai-eus2", Optional.of("East US"));

        assertThatThrownBy(foundry::expectedRegion).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the Foundry connection 'aoai-eus2' to reach East US"
                        + " (EXPECTED_FOUNDRY_CONNECTIONS),")
                .hasMessageContaining("but it targets https://aoai-eus2.openai.azure.com, which is OPENAI_ENDPOINT_2"
                        + " (East US 2).");
    }

    @Test
    void should_send_an_api_key_connections_key_in_api_key_and_never_show_it() {
        AccessPath foundry = foundry(Map.of("aoai-eus", connection("aoai-eus", "AzureOpenAI",
                "https://aoai-eus.openai.azure.com/", true, "{\"type\":\"ApiKey\",\"key\":\"" + KEY + "\"}")),
                "aoai-eus");

        foundry.call(api -> api.create(hello())).value();

        HttpRequest call = sent.get(sent.size() - 1);
        assertThat(call.getHeaders().getValue(HttpHeaderName.fromString("api-key"))).isEqualTo(KEY);
        assertThat(call.getHeaders().getValue(HttpHeaderName.AUTHORIZATION)).isNull();
        assertThat(redactor.redact("the key is " + KEY)).as("the run's redactor learnt the connection's key")
                .isEqualTo("the key is REDACTED");
    }

    @Test
    void should_say_which_connection_the_project_lacks() {
        AccessPath foundry = foundry(Map.of("search", connection("search", "CognitiveSearch",
                "https://srch.search.windows.net/", true, AAD)), "aoai-eus");

        assertThatThrownBy(foundry::endpoint).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the Foundry project " + PROJECT + " to have the connection 'aoai-eus',")
                .hasMessageContaining("but it answered 404")
                .hasMessageContaining("Its connections: search (CognitiveSearch, default).");
    }

    @Test
    void should_refuse_a_connection_that_is_not_azure_openai_as_the_sdk_does() {
        AccessPath foundry = foundry(Map.of("search", connection("search", "CognitiveSearch",
                "https://srch.search.windows.net/", true, AAD)), "search");

        assertThatThrownBy(foundry::endpoint).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the Foundry connection 'search' to be of type AzureOpenAI,")
                .hasMessageContaining("but it is of type CognitiveSearch");
    }

    @Test
    void should_fail_when_the_connection_targets_a_resource_outside_the_deployment() {
        AccessPath foundry = foundry(Map.of("other", connection("other", "AzureOpenAI",
                "https://somewhere-else.openai.azure.com/", false, AAD)), "other");

        assertThatThrownBy(foundry::expectedRegion).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the Foundry connection 'other' to target one of the configured Azure"
                        + " OpenAI endpoints:")
                .hasMessageContaining("OPENAI_ENDPOINT_1=https://aoai-eus.openai.azure.com/ (East US)")
                .hasMessageContaining("but it targets https://somewhere-else.openai.azure.com.");
    }

    @Test
    void should_tell_endpoints_on_one_loopback_host_apart_by_port() {
        FoundryConnection.Resolved resolved = new FoundryConnection.Resolved("aoai-eus2",
                URI.create("https://127.0.0.1:41002"), Optional.empty());

        String region = resolved.expectedRegionAmong(List.of(
                new ExpectedEndpoint("OPENAI_ENDPOINT_1", URI.create("https://127.0.0.1:41001/"), "East US"),
                new ExpectedEndpoint("OPENAI_ENDPOINT_2", URI.create("https://127.0.0.1:41002/"), "East US 2")),
                Optional.empty());

        assertThat(region).isEqualTo("East US 2");
    }
}
