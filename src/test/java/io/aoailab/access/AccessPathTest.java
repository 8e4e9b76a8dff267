package io.aoailab.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Pins, per access path, the exact URL, the kind of credential header and the token scope the suite sends: what a
 * live deployment will see, checked here without one.
 */
class AccessPathTest {
    private static final String API_VERSION = "2025-03-01-preview";
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

    private static CreateResponsesRequest hello() {
        return new CreateResponsesRequest(CreateResponsesRequestModel.fromString("gpt-4o"), "Hello");
    }

    @Test
    void should_call_an_account_directly_with_an_entra_token_for_cognitive_services() {
        AccessPath direct = AccessPath.direct("East US 2", URI.create("https://aoai-eus2.openai.azure.com/"), credential,
                recorder, API_VERSION, Clock.systemUTC());

        direct.responses().createResponse(hello());

        HttpRequest request = sent.get(0);
        assertThat(request.getUrl().toString())
                .isEqualTo("https://aoai-eus2.openai.azure.com/openai/responses?api-version=2025-03-01-preview");
        assertThat(request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION)).isEqualTo("Bearer test-token-value");
        assertThat(request.getHeaders().getValue(HttpHeaderName.fromString("api-key"))).isNull();
        assertThat(scopes).containsExactly(AccessPath.OPENAI_SCOPE);
        assertThat(direct.calls()).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("direct(East US 2)");
            assertThat(call.region()).contains("East US 2");
            assertThat(call.requestId()).contains("req-1");
            assertThat(call.status()).isEqualTo(200);
        });
    }

    @Test
    void should_call_apim_with_the_subscription_key_in_api_key_and_no_token() {
        AccessPath apim = AccessPath.apim(URI.create("https://apim-aoai-lab.azure-api.net"),
                Secret.of("0123456789abcdef0123456789abcdef"), recorder, API_VERSION, Clock.systemUTC());

        apim.responses().createResponse(hello());

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
    void should_refuse_an_api_version_the_sdk_cannot_send() {
        assertThatThrownBy(() -> AccessPath.serviceVersion("2025-04-01-preview"))
                .hasMessageStartingWith("OPENAI_API_VERSION='2025-04-01-preview' is not one azure-ai-openai")
                .hasMessageContaining("2025-03-01-preview");
    }
}
