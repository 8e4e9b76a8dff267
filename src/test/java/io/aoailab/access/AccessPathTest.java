package io.aoailab.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
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

    @Test
    void should_call_an_account_directly_with_an_entra_token_for_cognitive_services() {
        AccessPath direct = AccessPath.direct("East US 2", URI.create("https://aoai-eus2.openai.azure.com/"), credential,
                Paths.settings(recorder));

        Call<Reply> call = direct.call(api -> api.create(hello()));

        HttpRequest request = sent.get(0);
        assertThat(request.getUrl().toString())
                .isEqualTo("https://aoai-eus2.openai.azure.com/openai/responses?api-version=2025-03-01-preview");
        assertThat(request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION)).isEqualTo("Bearer test-token-value");
        assertThat(request.getHeaders().getValue(HttpHeaderName.fromString("api-key"))).isNull();
        assertThat(scopes).containsExactly(AccessPath.OPENAI_SCOPE);
        assertThat(call.records()).singleElement().satisfies(record -> {
            assertThat(record.path()).isEqualTo("direct(East US 2)");
            assertThat(record.region()).contains("East US 2");
            assertThat(record.requestId()).contains("req-1");
            assertThat(record.status()).isEqualTo(200);
        });
        assertThat(direct.calls()).containsExactlyElementsOf(call.records());
    }

    @Test
    void should_call_apim_with_the_subscription_key_in_api_key_and_no_token() {
        AccessPath apim = AccessPath.apim(URI.create("https://apim-aoai-lab.azure-api.net"),
                Secret.of("0123456789abcdef0123456789abcdef"), Paths.settings(recorder));

        apim.call(api -> api.create(hello())).value();

        HttpRequest request = sent.get(0);
        assertThat(request.getUrl().toString())
                .isEqualTo("https://apim-aoai-lab.azure-api.net/openai/responses?api-version=2025-03-01-preview");
        assertThat(request.getHeaders().getValue(HttpHeaderName.fromString("api-key")))
                .isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION)).isNull();
        assertThat(apim.calls()).singleElement().satisfies(call -> assertThat(call.url())
                .doesNotContain("0123456789abcdef0123456789abcdef"));
    }

    @Test
    void should_return_the_refusal_of_a_call_with_its_status_code_message_and_region() {
        AccessPath direct = AccessPath.direct("East US", URI.create("https://aoai-eus.openai.azure.com/"), credential,
                Paths.settings(answering(404, "East US", "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":"
                        + "\"The API deployment for this resource does not exist.\"}}")));

        Call<Reply> call = direct.call(api -> api.create(hello()));

        assertThat(call.succeeded()).isFalse();
        assertThat(call.failure()).isEqualTo(new Failure(404, Optional.of("DeploymentNotFound"),
                "The API deployment for this resource does not exist.", Optional.of("East US")));
        assertThatThrownBy(call::value).isInstanceOf(AssertionError.class).hasMessageContaining(
                "Expecting directly to East US to answer the call,%nbut it refused it: 404 DeploymentNotFound from East"
                        .formatted() + " US: The API deployment for this resource does not exist.");
    }

    @Test
    void should_fail_a_call_whose_answer_comes_from_a_region_the_path_is_not_meant_to_reach() {
        AccessPath direct = AccessPath.direct("East US", URI.create("https://aoai-eus.openai.azure.com/"), credential,
                Paths.settings(answering(200, "West Europe", ResponsesWire.RESPONSE)));

        assertThatThrownBy(() -> direct.call(api -> api.create(hello()))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting every answer directly to East US to come from East US,")
                .hasMessageContaining("answered 200 from West Europe.");
    }

    @Test
    void should_fail_a_call_whose_answer_names_no_region_or_another_model() {
        AccessPath apim = AccessPath.apim(URI.create("https://apim.azure-api.net"), Secret.of("0123456789abcdef0123"),
                Paths.settings(answering(200, null, ResponsesWire.RESPONSE)));
        AccessPath mini = AccessPath.apim(URI.create("https://apim.azure-api.net"), Secret.of("0123456789abcdef0123"),
                Paths.settings(answering(200, "East US 2", ResponsesWire.RESPONSE.replace("gpt-4o-2024-08-06",
                        "gpt-4o-mini-2024-07-18"))));

        assertThatThrownBy(() -> apim.call(api -> api.create(hello()))).hasMessageContaining(
                "Expecting every answer through APIM to name the region that served it");
        assertThatThrownBy(() -> mini.call(api -> api.create(hello()))).hasMessageContaining(
                "Expecting every answer through APIM to come from the intended model gpt-4o (EXPECTED_MODEL),")
                .hasMessageContaining("from East US 2 with model gpt-4o-mini-2024-07-18.");
    }

    @Test
    void should_refuse_an_api_version_the_sdk_cannot_send() {
        assertThatThrownBy(() -> AccessPath.serviceVersion("2025-04-01-preview"))
                .hasMessageStartingWith("OPENAI_API_VERSION='2025-04-01-preview' is not one azure-ai-openai")
                .hasMessageContaining("2025-03-01-preview");
    }
}
