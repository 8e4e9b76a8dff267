package io.aoailab.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import io.aoailab.config.Client;
import io.aoailab.config.Secret;
import io.aoailab.testing.CannedResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

/**
 * Pins, per access path, the exact URL, the kind of credential header and the token scope the suite sends: what a
 * live deployment will see, checked here without one.
 */
class AccessPathTest {
    private final List<HttpRequest> sent = new CopyOnWriteArrayList<>();
    private final List<String> scopes = new ArrayList<>();

    private final HttpClient recorder = request -> {
        sent.add(request);
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json")
                .set(HttpHeaderName.fromString("x-ms-region"), "East US 2")
                .set(HttpHeaderName.fromString("x-request-id"), "req-1");
        return Mono.just(CannedResponse.of(request, headers, ResponsesWire.RESPONSE.getBytes(StandardCharsets.UTF_8)));
    };

    private final TokenCredential credential = context -> {
        scopes.addAll(context.getScopes());
        return Mono.just(new AccessToken("test-token-value", OffsetDateTime.now().plusHours(1)));
    };

    private static Ask hello() {
        return Ask.of("gpt-4o", "Hello");
    }

    private static HttpClient answering(int status, String region, String body) {
        return request -> {
            HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
            if (region != null) {
                headers.set(HttpHeaderName.fromString("x-ms-region"), region);
            }
            return Mono.just(CannedResponse.of(request, status, headers, body.getBytes(StandardCharsets.UTF_8)));
        };
    }

    private final URI eus2 = URI.create("https://aoai-eus2.openai.azure.com/");
    private final URI gateway = URI.create("https://apim-aoai-lab.azure-api.net");
    private final Secret key = Secret.of("0123456789abcdef0123456789abcdef");

    private String header(HttpRequest request, String name) {
        return request.getHeaders().getValue(HttpHeaderName.fromString(name));
    }

    @Test
    void should_call_an_account_directly_with_an_entra_token_for_cognitive_services() {
        AccessPath direct = AccessPath.direct("East US 2", eus2, credential, Client.AZURE_AI_OPENAI,
                Paths.settings(recorder));

        Call<Reply> call = direct.call(api -> api.create(hello()));

        HttpRequest request = sent.get(0);
        assertThat(request.getUrl().toString())
                .isEqualTo("https://aoai-eus2.openai.azure.com/openai/responses?api-version=2025-03-01-preview");
        assertThat(request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION)).isEqualTo("Bearer test-token-value");
        assertThat(header(request, "api-key")).isNull();
        assertThat(scopes).containsExactly(AccessPath.OPENAI_SCOPE);
        assertThat(call.records()).singleElement().satisfies(record -> {
            assertThat(record.path()).isEqualTo("direct(East US 2)[azure-ai-openai]");
            assertThat(record.region()).contains("East US 2");
            assertThat(record.requestId()).contains("req-1");
            assertThat(record.status()).isEqualTo(200);
        });
        assertThat(direct.calls()).containsExactlyElementsOf(call.records());
        assertThat(direct.description()).isEqualTo("directly to East US 2 with azure-ai-openai");
    }

    @Test
    void should_call_an_account_with_openai_java_on_the_v1_surface_without_an_api_version() {
        AccessPath direct = AccessPath.direct("East US 2", eus2, credential, Client.OPENAI_JAVA,
                Paths.settings(recorder));

        Reply reply = direct.call(api -> api.create(hello())).value();

        HttpRequest request = sent.get(0);
        assertThat(request.getUrl().toString()).isEqualTo("https://aoai-eus2.openai.azure.com/openai/v1/responses");
        assertThat(request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION)).isEqualTo("Bearer test-token-value");
        assertThat(header(request, "api-key")).isNull();
        assertThat(scopes).containsExactly(AccessPath.OPENAI_SCOPE);
        assertThat(reply.id()).isEqualTo("resp_1");
        assertThat(reply.usage()).contains(new TokenUsage(1, 1, 2));
        assertThat(direct.calls()).singleElement().satisfies(record -> {
            assertThat(record.path()).isEqualTo("direct(East US 2)[openai-java]");
            assertThat(record.region()).contains("East US 2");
        });
    }

    @Test
    void should_send_the_configured_api_version_even_one_the_sdk_does_not_know() {
        AccessPath direct = AccessPath.direct("East US 2", eus2, credential, Client.AZURE_AI_OPENAI,
                Paths.settings(recorder)).withApiVersion("2025-04-01-preview");

        direct.call(api -> api.create(hello())).value();

        assertThat(sent.get(0).getUrl().toString())
                .isEqualTo("https://aoai-eus2.openai.azure.com/openai/responses?api-version=2025-04-01-preview");
    }

    @Test
    void should_call_apim_with_the_subscription_key_in_api_key_and_no_token_with_either_client() {
        AccessPath dated = AccessPath.apim(gateway, key, Client.AZURE_AI_OPENAI, Paths.settings(recorder));
        AccessPath v1 = AccessPath.apim(gateway, key, Client.OPENAI_JAVA, Paths.settings(recorder));

        dated.call(api -> api.create(hello())).value();
        v1.call(api -> api.create(hello())).value();

        assertThat(sent).extracting(r -> r.getUrl().toString()).containsExactly(
                "https://apim-aoai-lab.azure-api.net/openai/responses?api-version=2025-03-01-preview",
                "https://apim-aoai-lab.azure-api.net/openai/v1/responses");
        assertThat(sent).allSatisfy(request -> {
            assertThat(header(request, "api-key")).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION)).isNull();
        });
        assertThat(scopes).isEmpty();
        assertThat(List.of(dated.calls().get(0), v1.calls().get(0))).allSatisfy(call -> assertThat(call.url())
                .doesNotContain("0123456789abcdef0123456789abcdef"));
    }

    @Test
    void should_call_the_foundry_project_surface_with_a_token_for_ai_azure_com() {
        AccessPath project = AccessPath.project(URI.create(
                "https://aif-aoai-lab.services.ai.azure.com/api/projects/proj-aoai-lab"), credential, Optional.empty(),
                Paths.settings(recorder));

        project.call(api -> api.create(hello())).value();

        assertThat(sent.get(0).getUrl().toString()).isEqualTo(
                "https://aif-aoai-lab.services.ai.azure.com/api/projects/proj-aoai-lab/openai/v1/responses");
        assertThat(scopes).containsExactly(AccessPath.PROJECT_SCOPE);
        assertThat(project.client()).isEqualTo(Client.OPENAI_JAVA);
        assertThat(project.description()).isEqualTo("through the Foundry project with openai-java");
        assertThatThrownBy(() -> project.withApiVersion("2024-10-21")).isInstanceOf(IllegalStateException.class)
                .hasMessage("through the Foundry project with openai-java calls the v1 surface, which takes no dated"
                        + " api-version");
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void should_return_the_refusal_of_a_call_with_its_status_code_message_and_region(Client client) {
        AccessPath direct = AccessPath.direct("East US", URI.create("https://aoai-eus.openai.azure.com/"), credential,
                client, Paths.settings(answering(404, "East US", "{\"error\":{\"code\":"
                        + "\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}")));

        Call<Reply> call = direct.call(api -> api.create(hello()));

        assertThat(call.succeeded()).isFalse();
        assertThat(call.failure()).isEqualTo(new Failure(404, Optional.of("DeploymentNotFound"),
                "The API deployment for this resource does not exist.", Optional.of("East US")));
        assertThatThrownBy(call::value).isInstanceOf(AssertionError.class).hasMessageContaining(
                "Expecting directly to East US with %s to answer the call,%nbut it refused it: 404"
                        .formatted(client.configName()) + " DeploymentNotFound from East US: The API deployment for"
                        + " this resource does not exist.");
    }

    @Test
    void should_fail_a_call_whose_answer_comes_from_a_region_the_path_is_not_meant_to_reach() {
        AccessPath direct = AccessPath.direct("East US", URI.create("https://aoai-eus.openai.azure.com/"), credential,
                Client.OPENAI_JAVA, Paths.settings(answering(200, "West Europe", ResponsesWire.RESPONSE)));

        assertThatThrownBy(() -> direct.call(api -> api.create(hello()))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting every answer directly to East US with openai-java to come from East"
                        + " US,")
                .hasMessageContaining("answered 200 from West Europe.");
    }

    @Test
    void should_fail_a_call_whose_answer_names_no_region_or_another_model() {
        AccessPath apim = AccessPath.apim(gateway, key, Client.AZURE_AI_OPENAI,
                Paths.settings(answering(200, null, ResponsesWire.RESPONSE)));
        AccessPath mini = AccessPath.apim(gateway, key, Client.AZURE_AI_OPENAI,
                Paths.settings(answering(200, "East US 2", ResponsesWire.RESPONSE.replace("gpt-4o-2024-08-06",
                        "gpt-4o-mini-2024-07-18"))));

        assertThatThrownBy(() -> apim.call(api -> api.create(hello()))).hasMessageContaining(
                "Expecting every answer through APIM with azure-ai-openai to name the region that served it");
        assertThatThrownBy(() -> mini.call(api -> api.create(hello()))).hasMessageContaining(
                "Expecting every answer through APIM with azure-ai-openai to come from the intended model gpt-4o"
                        + " (EXPECTED_MODEL),")
                .hasMessageContaining("from East US 2 with model gpt-4o-mini-2024-07-18.");
    }
}
