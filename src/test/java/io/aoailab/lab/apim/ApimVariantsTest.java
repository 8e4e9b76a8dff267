package io.aoailab.lab.apim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.core.credential.KeyCredential;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.http.RecordedRequest;
import io.aoailab.testing.Answer;
import io.aoailab.testing.LabVariant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the topology's weights, or only the policy file, changes: the observed behaviour follows. */
class ApimVariantsTest {
    @TempDir
    Path dir;

    // in the test's directory: a policy file the topology names is found next to it
    private Lab variant(UnaryOperator<String> edit) throws IOException {
        Path file = dir.resolve("variant.yaml");
        Files.writeString(file, LabVariant.edited(edit));
        return Lab.start(LabOptions.defaults().withTopology(Optional.of(file)));
    }


    @Test
    void should_pass_the_callers_key_on_to_the_account_when_no_policy_deletes_it_and_let_the_token_decide_there()
            throws IOException {
        // GIVEN the simple policy without its two set-header deletes: APIM's default, which passes the subscription key
        // on (docs/apim-gateway.md §4), as in Microsoft's own set-up with the key renamed to api-key
        String policy;
        try (InputStream in = Lab.class.getResourceAsStream("/apim-policies/openai-load-balancer-simple.xml")) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String deletes = "        <set-header name=\"api-key\" exists-action=\"delete\" />\n"
                + "        <set-header name=\"Ocp-Apim-Subscription-Key\" exists-action=\"delete\" />\n";
        assertThat(policy).contains(deletes);
        Files.writeString(dir.resolve("keeps-key.xml"), policy.replace(deletes, ""));

        try (Lab lab = variant(yaml -> yaml.replace("classpath:apim-policies/openai-load-balancer.xml", "keeps-key.xml"));
                HttpClientFactory http = GatewayClients.trusting(lab)) {
            // WHEN
            Answer answer = GatewayClients.create(lab, http, GatewayClients.subscriptionKey(lab));

            // THEN the account got the APIM key in api-key next to the gateway's token, and served the token's principal
            // (docs/azure-facts.md §3.9): no account key, no refusal
            assertThat(answer.status()).isEqualTo(200);
            List<RecordedRequest> seen = new ArrayList<>(lab.requestsTo("aoai-eus.openai.azure.com"));
            seen.addAll(lab.requestsTo("aoai-eus2.openai.azure.com"));
            assertThat(seen).singleElement().satisfies(backend -> {
                assertThat(backend.headerNames()).contains("api-key", "authorization");
                assertThat(backend.bearerClaims()).containsEntry("oid",
                        lab.topology().principal("apim-gateway").orElseThrow().objectId());
                assertThat(backend.status()).isEqualTo(200);
            });
        }
    }

    @Test
    void should_follow_changed_weights() throws IOException {
        try (Lab lab = variant(yaml -> yaml.replace("selection: weighted-random", "selection: weighted-round-robin")
                .replaceFirst("weight: 50", "weight: 90").replaceFirst("weight: 50", "weight: 10"));
                HttpClientFactory http = GatewayClients.trusting(lab)) {
            AtomicReference<String> region = new AtomicReference<>();
            ResponsesClient client = GatewayClients.responses(lab, http, region);
            List<String> regions = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                client.createResponse(GatewayClients.hello());
                regions.add(region.get());
            }

            assertThat(Collections.frequency(regions, "East US")).isEqualTo(90);
            assertThat(Collections.frequency(regions, "East US 2")).isEqualTo(10);
        }
    }

    @Test
    void should_stop_at_start_naming_file_and_line_of_a_policy_construct_the_lab_cannot_run() throws IOException {
        String policy;
        try (InputStream in = Lab.class.getResourceAsStream("/apim-policies/openai-load-balancer-simple.xml")) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("my-policy.xml"), policy.replace("<set-backend-service backend-id=\"aoai-pool\" />\n    </inbound>",
                "<set-backend-service backend-id=\"aoai-pool\" />\n        <xml-to-json kind=\"direct\" apply=\"always\" />\n    </inbound>"));
        int line = (int) policy.lines().takeWhile(l -> !l.contains("</inbound>")).count() + 1;

        assertThatThrownBy(() -> variant(yaml -> yaml.replace("classpath:apim-policies/openai-load-balancer.xml",
                "my-policy.xml")))
                .hasMessageStartingWith(dir.resolve("my-policy.xml") + ":" + line + ": xml-to-json")
                .hasMessageContaining("Fix: ");
    }

    @Test
    void should_pass_the_accounts_401_through_when_the_gateways_identity_asks_for_a_token_of_another_resource()
            throws IOException {
        // GIVEN a policy whose managed identity asks for an Azure Resource Manager token: Entra issues it, and the
        // account, which takes Cognitive Services tokens only, refuses it (docs/azure-facts.md §8)
        String policy;
        try (InputStream in = Lab.class.getResourceAsStream("/apim-policies/openai-load-balancer-simple.xml")) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String wanted = "<authentication-managed-identity resource=\"https://cognitiveservices.azure.com\" />";
        assertThat(policy).contains(wanted);
        Files.writeString(dir.resolve("arm-token.xml"), policy.replace(wanted,
                "<authentication-managed-identity resource=\"https://management.azure.com/\" />"));

        try (Lab lab = variant(yaml -> yaml.replace("classpath:apim-policies/openai-load-balancer.xml", "arm-token.xml"));
                HttpClientFactory http = GatewayClients.trusting(lab)) {
            ResponsesClient client = GatewayClients.responses(lab, http, new AtomicReference<>());

            // WHEN / THEN
            assertThatThrownBy(() -> client.createResponse(GatewayClients.hello()))
                    .isInstanceOf(com.azure.core.exception.ClientAuthenticationException.class)
                    .hasMessageContaining("audience is incorrect (https://cognitiveservices.azure.com)");
            List<io.aoailab.lab.http.RecordedRequest> seen = new ArrayList<>(lab.requestsTo("aoai-eus.openai.azure.com"));
            seen.addAll(lab.requestsTo("aoai-eus2.openai.azure.com"));
            assertThat(seen).isNotEmpty().allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.bearerClaims()).containsEntry("aud", "https://management.azure.com/");
            });
        }
    }

    @Test
    void should_pass_the_accounts_401_through_when_the_gateways_identity_has_no_role() throws IOException {
        String grants = "  - principal: apim-gateway\n    role: Cognitive Services OpenAI User\n    scope: account:aoai-eus\n"
                + "  - principal: apim-gateway\n    role: Cognitive Services OpenAI User\n    scope: account:aoai-eus2\n";
        try (Lab lab = variant(yaml -> {
                    assertThat(yaml).contains(grants);
                    return yaml.replace(grants, "");
                });
                HttpClientFactory http = GatewayClients.trusting(lab)) {
            ResponsesClient client = GatewayClients.responses(lab, http, new AtomicReference<>());

            assertThatThrownBy(() -> client.createResponse(GatewayClients.hello()))
                    .isInstanceOf(com.azure.core.exception.ClientAuthenticationException.class)
                    .hasMessageContaining("PermissionDenied")
                    .hasMessageContaining(lab.topology().principal("apim-gateway").orElseThrow().objectId());
        }
    }

    @Test
    void should_lose_stored_responses_to_the_other_region_with_the_simple_policy() throws IOException {
        try (Lab lab = variant(yaml -> yaml.replace("selection: weighted-random", "selection: weighted-round-robin")
                .replace("openai-load-balancer.xml", "openai-load-balancer-simple.xml"));
                HttpClientFactory http = GatewayClients.trusting(lab)) {
            ResponsesClient client = GatewayClients.responses(lab, http, new AtomicReference<>());

            // round-robin 50/50 alternates, so every follow-up lands in the account that did not store the response
            for (int i = 0; i < 4; i++) {
                String id = client.createResponse(GatewayClients.hello()).getId();
                assertThatThrownBy(() -> client.getResponse(id)).isInstanceOf(ResourceNotFoundException.class);
            }
        }
    }
}
