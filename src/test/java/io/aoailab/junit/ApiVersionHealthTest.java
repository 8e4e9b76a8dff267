package io.aoailab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.config.Client;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.report.Redactor;
import io.aoailab.testing.CannedResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import reactor.core.publisher.Mono;

/**
 * The api-version probe, against canned answers: Azure's refusal of a retired version fails the first
 * azure-ai-openai case with the version, the lifecycle rule and the fix, and stops the rest; anything else is left to
 * the cases. The probe runs once, when the first case asks.
 */
class ApiVersionHealthTest {
    private static final SuiteConfig CONFIG = new SuiteConfigResolver(ConfigSources.of(Map.of(), Map.of(), Map.of()))
            .resolve();
    private static final String REFUSED = "{\"error\":{\"code\":\"BadRequest\",\"message\":\"API version not supported\"}}";
    private static final String COMPLETED = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\","
            + "\"model\":\"gpt-4o\",\"output\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":1,\"total_tokens\":2}}";

    private final AtomicInteger calls = new AtomicInteger();
    private final TokenCredential credential = context -> Mono.just(new AccessToken("test-token-value",
            OffsetDateTime.now().plusHours(1)));

    private HttpClient answering(int status, String body) {
        return request -> {
            calls.incrementAndGet();
            HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderName.fromString("x-ms-region"), "East US");
            return Mono.just(CannedResponse.of(request, status, headers, body.getBytes(StandardCharsets.UTF_8)));
        };
    }

    private AccessPath direct(HttpClient http) {
        return AccessPath.direct("East US", URI.create("https://aoai-eus.openai.azure.com/"), credential,
                Client.AZURE_AI_OPENAI, new AccessPath.Settings(http, CONFIG.apiVersion(), Clock.systemUTC(),
                        new Redactor(), CONFIG.intended()));
    }

    @Test
    void should_let_the_cases_call_when_the_version_is_accepted_probing_once() {
        ApiVersionHealth health = new ApiVersionHealth(direct(answering(200, COMPLETED)), CONFIG);

        assertThat(calls).hasValue(0);
        assertThat(health.reasonNotToCall()).isEmpty();
        assertThat(health.reasonNotToCall()).isEmpty();
        assertThat(calls).as("probes").hasValue(1);
    }

    @Test
    void should_fail_the_first_case_naming_version_rule_and_fix_and_not_run_the_rest_when_it_is_refused() {
        AccessPath path = direct(answering(400, REFUSED));
        ApiVersionHealth health = new ApiVersionHealth(path, CONFIG);
        AccessPath guarded = path.guardedBy(health::reasonNotToCall);

        assertThatThrownBy(() -> guarded.call(api -> api.create(Ask.of("gpt-4o", "Hello"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting https://aoai-eus.openai.azure.com/ to accept api-version"
                        + " 2025-03-01-preview (OPENAI_API_VERSION), which every azure-ai-openai case sends,")
                .hasMessageContaining("but it refused it: 400 BadRequest from East US: API version not supported")
                .hasMessageContaining("only the latest three previews stay supported")
                .hasMessageContaining("Fix: set OPENAI_API_VERSION to a current preview, or run the v1 client alone"
                        + " (OPENAI_CLIENTS=openai-java)");
        assertThatThrownBy(() -> guarded.withApiVersion("2024-10-21").call(api -> api.create(Ask.of("gpt-4o", "Hi"))))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("Not run, for the reason an earlier case failed with: Expecting");
        assertThat(calls).as("the probe, and no case's call").hasValue(1);
    }

    @Test
    void should_leave_a_refusal_for_another_reason_to_the_cases() {
        String unknownDeployment = "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for"
                + " this resource does not exist.\"}}";
        String missingRole = "{\"error\":{\"code\":\"PermissionDenied\",\"message\":\"The principal lacks the"
                + " required data action.\"}}";

        assertThat(new ApiVersionHealth(direct(answering(404, unknownDeployment)), CONFIG).reasonNotToCall())
                .isEmpty();
        assertThat(new ApiVersionHealth(direct(answering(401, missingRole)), CONFIG).reasonNotToCall()).isEmpty();
        assertThat(new ApiVersionHealth(direct(answering(500, "{}")), CONFIG).reasonNotToCall()).isEmpty();
    }
}
