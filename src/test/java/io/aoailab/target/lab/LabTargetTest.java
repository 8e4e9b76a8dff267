package io.aoailab.target.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.ai.openai.responses.models.ResponsesResponse;
import com.azure.ai.openai.responses.models.ResponsesResponseStatus;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.Persona;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab as the suite meets it: azure-identity's ClientSecretCredential signs in at the lab's Entra authority,
 * and azure-ai-openai's ResponsesClient calls the lab's accounts, both unchanged, through the suite's own HTTP
 * clients (lab CA trusted, host names pinned to loopback).
 */
class LabTargetTest {
    private static LabTarget target;

    @BeforeAll
    static void start() {
        SuiteConfig config = new SuiteConfigResolver(ConfigSources.of(java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of())).resolve();
        target = LabTarget.start(config);
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static ResponsesClient client(URI endpoint, TokenCredential credential, AtomicReference<String> region) {
        HttpPipelinePolicy capture = (context, next) -> next.process()
                .doOnNext(response -> region.set(response.getHeaderValue(HttpHeaderName.fromString("x-ms-region"))));
        return new ResponsesClientBuilder().endpoint(endpoint.toString()).credential(credential)
                .httpClient(target.http().azureHttpClient()).addPolicy(capture).buildClient();
    }

    private static CreateResponsesRequest hello(String text) {
        return new CreateResponsesRequest(CreateResponsesRequestModel.fromString("gpt-4o"), text).setMaxOutputTokens(50);
    }

    @Test
    void should_sign_in_with_azure_identity_at_the_lab_authority() {
        String token = target.credentials().defaultCaller()
                .getTokenSync(new TokenRequestContext().addScopes("https://cognitiveservices.azure.com/.default"))
                .getToken();

        assertThat(token).startsWith("eyJ").contains(".");
    }

    @Test
    void should_answer_the_real_responses_client_from_each_region() {
        List<URI> endpoints = target.endpoints().openai();
        List<String> expected = List.of("East US", "East US 2");

        for (int i = 0; i < endpoints.size(); i++) {
            AtomicReference<String> region = new AtomicReference<>();
            ResponsesResponse response = client(endpoints.get(i), target.credentials().defaultCaller(), region)
                    .createResponse(hello("Which region answers?"));

            assertThat(response.getStatus()).isEqualTo(ResponsesResponseStatus.COMPLETED);
            assertThat(region.get()).isEqualTo(expected.get(i));
        }
    }

    @Test
    void should_keep_a_stored_response_in_the_region_that_created_it() {
        AtomicReference<String> region = new AtomicReference<>();
        ResponsesClient east = client(target.endpoints().openai().get(0), target.credentials().defaultCaller(), region);
        ResponsesClient east2 = client(target.endpoints().openai().get(1), target.credentials().defaultCaller(), region);
        String id = east.createResponse(hello("Remember me")).getId();

        assertThat(east.getResponse(id).getId()).isEqualTo(id);
        assertThatThrownBy(() -> east2.getResponse(id)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void should_deny_a_persona_without_a_role_with_401_permission_denied() {
        TokenCredential noRole = target.credentials().persona(new Persona("no-role", Optional.empty(), Optional.empty(),
                List.of()));
        ResponsesClient client = client(target.endpoints().openai().get(0), noRole, new AtomicReference<>());

        assertThatThrownBy(() -> client.createResponse(hello("Let me in")))
                .isInstanceOf(ClientAuthenticationException.class)
                .satisfies(e -> {
                    ClientAuthenticationException denied = (ClientAuthenticationException) e;
                    assertThat(denied.getResponse().getStatusCode()).isEqualTo(401);
                    assertThat(denied.getMessage()).contains("PermissionDenied")
                            .contains(target.lab().credentials("no-role").objectId())
                            .contains("Microsoft.CognitiveServices/accounts/OpenAI/responses/write");
                });
    }

    @Test
    void should_serve_the_byo_storage_and_search_to_the_real_clients_with_lab_tokens() {
        var blobs = new com.azure.storage.blob.BlobServiceClientBuilder()
                .endpoint(target.endpoints().storageBlob().orElseThrow().toString())
                .credential(target.credentials().defaultCaller()).httpClient(target.http().azureHttpClient())
                .buildClient();
        var search = new com.azure.search.documents.SearchClientBuilder()
                .endpoint(target.endpoints().aiSearch().orElseThrow().toString())
                .indexName(target.endpoints().aiSearchIndex().orElseThrow())
                .credential(target.credentials().defaultCaller()).httpClient(target.http().azureHttpClient())
                .buildClient();

        String policy = blobs.getBlobContainerClient("docs").getBlobClient("returns-policy.md").downloadContent()
                .toString();
        var hits = search.search("returned").stream().map(r -> r.getDocument(java.util.Map.class).get("id")).toList();

        assertThat(policy).contains("within 30 days");
        assertThat(hits).containsExactly("1");
    }

    @Test
    void should_issue_tokens_for_a_storage_accounts_own_audience() {
        var blobs = new com.azure.storage.blob.BlobServiceClientBuilder()
                .endpoint(target.endpoints().storageBlob().orElseThrow().toString())
                .audience(com.azure.storage.blob.models.BlobAudience.createBlobServiceAccountAudience("stlabbyo"))
                .credential(target.credentials().defaultCaller()).httpClient(target.http().azureHttpClient())
                .buildClient();

        assertThat(blobs.getBlobContainerClient("docs").getBlobClient("shipping.md").downloadContent().toString())
                .contains("express shipping");
    }

    @Test
    void should_name_a_persona_the_lab_does_not_have() {
        assertThatThrownBy(() -> target.credentials().persona(new Persona("ghost", Optional.empty(), Optional.empty(),
                List.of()))).hasMessageStartingWith("PERSONAS declares 'ghost', but the lab topology has no principal");
    }
}
