package io.aoailab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.ai.openai.responses.models.ResponsesAssistantMessage;
import com.azure.ai.openai.responses.models.ResponsesFileSearchTool;
import com.azure.ai.openai.responses.models.ResponsesOutputContentText;
import com.azure.ai.projects.AIProjectClientBuilder;
import com.azure.ai.projects.models.Connection;
import com.azure.ai.projects.models.ConnectionType;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.search.documents.SearchClientBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.ResponseCreateParams;
import io.aoailab.access.AccessPath.ExpectedEndpoint;
import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.config.Client;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.Persona;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.lab.http.RecordedRequest;
import io.aoailab.report.Redactor;
import io.aoailab.target.lab.LabTarget;
import io.aoailab.testing.LabJvmHooks;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Foundry project and RBAC scoping as the real SDK clients meet them, with tokens from the lab's Entra:
 * a role on the project does not reach the accounts; the minimum set of roles is enough, and each persona lacking one
 * role is refused by that service only; Contributor grants no data.
 */
class FoundryAndScopingTest {
    private static LabTarget target;

    @BeforeAll
    static void start() {
        target = LabTarget.start(new SuiteConfigResolver(ConfigSources.of(Map.of(), Map.of(), Map.of())).resolve());
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static TokenCredential persona(String name) {
        return target.credentials().persona(new Persona(name, Optional.empty(), Optional.empty(), List.of()));
    }

    private static CreateResponsesRequest hello() {
        return new CreateResponsesRequest(CreateResponsesRequestModel.fromString("gpt-4o"), "Hello").setMaxOutputTokens(64);
    }

    private static void callDirect(TokenCredential who) {
        new ResponsesClientBuilder().endpoint(target.endpoints().openai().get(0).toString()).credential(who)
                .httpClient(target.http().azureHttpClient()).buildClient().createResponse(hello());
    }

    private static int callProject(TokenCredential who) throws Exception {
        String token = who.getTokenSync(new TokenRequestContext().addScopes("https://ai.azure.com/.default")).getToken();
        Request request = new Request.Builder()
                .url(target.endpoints().foundryProject().orElseThrow() + "/openai/v1/responses")
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create("{\"model\":\"gpt-4o\",\"input\":\"hi\"}", MediaType.get("application/json")))
                .build();
        try (Response response = target.http().okHttp().newCall(request).execute()) {
            return response.code();
        }
    }

    private static void readBlob(TokenCredential who) {
        new BlobServiceClientBuilder().endpoint(target.endpoints().storageBlob().orElseThrow().toString())
                .credential(who).httpClient(target.http().azureHttpClient()).buildClient()
                .getBlobContainerClient("docs").getBlobClient("returns-policy.md").downloadContent();
    }

    private static void search(TokenCredential who) {
        new SearchClientBuilder().endpoint(target.endpoints().aiSearch().orElseThrow().toString())
                .indexName(target.endpoints().aiSearchIndex().orElseThrow()).credential(who)
                .httpClient(target.http().azureHttpClient()).buildClient().getDocumentCount();
    }

    @Test
    void should_list_the_projects_connections_with_the_real_projects_client() {
        var connections = new AIProjectClientBuilder().endpoint(target.endpoints().foundryProject().orElseThrow().toString())
                .credential(target.credentials().defaultCaller()).httpClient(target.http().azureHttpClient())
                .buildConnectionsClient();

        List<String> names = connections.listConnections().stream().map(Connection::getName).toList();
        Connection openai = connections.getDefaultConnection(ConnectionType.AZURE_OPEN_AI, false);

        assertThat(names).containsExactlyInAnyOrder("aoai-eus", "aoai-eus2", "search", "storage");
        assertThat(openai.getName()).isEqualTo("aoai-eus");
        // portless, as in Azure: openai-java in AUTO mode only treats Azure's own host names as Azure
        assertThat(openai.getTarget()).isEqualTo("https://aoai-eus.openai.azure.com/");
    }

    private static AIProjectClientBuilder projects(String connection) {
        return new AIProjectClientBuilder().endpoint(target.endpoints().foundryProject().orElseThrow().toString())
                .credential(target.credentials().defaultCaller()).httpClient(target.http().azureHttpClient())
                .openAIConnectionName(connection);
    }

    // azure-ai-projects 1.0.0-beta.2's own openai-java client for a connection, as its inference client builds it
    private static OpenAIClient projectsOpenAiClient(String connection, String apiVersion) {
        return projects(connection).openAIServiceVersion(AzureOpenAIServiceVersion.fromString(apiVersion))
                .buildInferenceClient().getOpenAIClient();
    }

    // the same SDK's client on the connection target's v1 surface, as Microsoft's current Java samples call it. Built
    // without a service version: one set on the builder stays on every request (openai-java 4.x sends it in UNIFIED
    // mode too, and cannot unset it), and the v1 surface refuses dated versions (docs/azure-facts.md §3.7)
    private static OpenAIClient projectsOpenAiClientOnV1(String connection, String account) {
        return projects(connection).buildInferenceClient().getOpenAIClient().withOptions(options -> options
                .baseUrl("https://" + account + "/openai/v1").azureUrlPathMode(AzureUrlPathMode.UNIFIED)
                .removeQueryParams("api-version"));
    }

    private static ResponseCreateParams hello(String input) {
        return ResponseCreateParams.builder().model("gpt-4o").input(input).maxOutputTokens(64).build();
    }

    @Test
    void should_refuse_the_route_the_projects_openai_client_takes_with_openai_java_4_and_answer_it_on_v1() {
        // GIVEN the projects SDK's openai-java client (4.x on this build: docs/azure-facts.md §0.8), whose own OkHttp
        // only the test JVM's hooks can point at the lab
        String account = "aoai-eus2.openai.azure.com";
        LabJvmHooks hooks = LabJvmHooks.install(target.lab());
        try (hooks) {
            OpenAIClient asBuilt = projectsOpenAiClient("aoai-eus2", "2025-04-01-preview");

            // WHEN it calls as built: a *.openai.azure.com target without /openai/v1 is LEGACY, which puts the
            // deployment in the path; THEN the account answers as Azure does for a route it does not serve
            assertThatThrownBy(() -> asBuilt.responses().create(hello("Which route?")))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("Resource not found");
            assertThat(last(target.lab().requestsTo(account)).path()).isEqualTo("/openai/deployments/gpt-4o/responses");

            // WHEN the SDK's client calls the connection's account on its v1 surface
            var response = projectsOpenAiClientOnV1("aoai-eus2", account).responses().withRawResponse().create(
                    hello("Which region answers the connection?"));

            // THEN the connection's target account answered
            assertThat(last(target.lab().requestsTo(account)).path()).isEqualTo("/openai/v1/responses");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().values("x-ms-region")).containsExactly("East US 2");
            assertThat(response.parse().status()).map(Object::toString).contains("completed");
        }
    }

    @Test
    void should_send_through_the_foundry_access_path_what_the_projects_sdks_own_openai_client_sends() {
        // GIVEN the SDK's client on the v1 surface (openai-java, through the test JVM's hooks) and the suite's foundry
        // path with openai-java, both resolving the connection aoai-eus2 of the project
        URI project = target.endpoints().foundryProject().orElseThrow();
        String account = "aoai-eus2.openai.azure.com";
        RecordedRequest bySdk;
        LabJvmHooks hooks = LabJvmHooks.install(target.lab());
        try (hooks) {
            projectsOpenAiClientOnV1("aoai-eus2", account).responses().create(hello("Hello"));
            bySdk = last(target.lab().requestsTo(account));
        }
        AccessPath foundry = AccessPath.foundry(project, "aoai-eus2", Optional.empty(), List.of(
                new ExpectedEndpoint("OPENAI_ENDPOINT_2", target.endpoints().openai().get(1), "East US 2")),
                target.credentials().defaultCaller(), Client.OPENAI_JAVA, new AccessPath.Settings(
                        target.http().azureHttpClient(), "2025-03-01-preview", Clock.systemUTC(), new Redactor(),
                        new SuiteConfigResolver(ConfigSources.of(Map.of(), Map.of(), Map.of())).resolve().intended()));

        // WHEN
        foundry.call(api -> api.create(Ask.of("gpt-4o", "Hello"))).value();

        // THEN the same account saw the same request: method, path, kind of credential, token audience
        RecordedRequest byPath = last(target.lab().requestsTo(account));
        assertThat(byPath).isNotSameAs(bySdk);
        assertThat(byPath.method() + " " + byPath.path()).isEqualTo(bySdk.method() + " " + bySdk.path())
                .isEqualTo("POST /openai/v1/responses");
        assertThat(byPath.hasHeader("authorization")).isEqualTo(bySdk.hasHeader("authorization")).isTrue();
        assertThat(byPath.hasHeader("api-key")).isEqualTo(bySdk.hasHeader("api-key")).isFalse();
        assertThat(byPath.bearerClaims().get("aud")).isEqualTo(bySdk.bearerClaims().get("aud"))
                .isEqualTo("https://cognitiveservices.azure.com");
        assertThat(List.of(byPath.status(), bySdk.status())).containsOnly(200);
        assertThat(foundry.expectedRegion()).contains("East US 2");
    }

    private static RecordedRequest last(List<RecordedRequest> requests) {
        return requests.get(requests.size() - 1);
    }

    @Test
    void should_ground_file_search_on_the_byo_storage_and_search() {
        var response = new ResponsesClientBuilder().endpoint(target.endpoints().openai().get(1).toString())
                .credential(target.credentials().defaultCaller()).httpClient(target.http().azureHttpClient())
                .buildClient().createResponse(new CreateResponsesRequest(CreateResponsesRequestModel.fromString("gpt-4o"),
                        "How long do I have to return an item?")
                        .setTools(List.of(new ResponsesFileSearchTool(List.of("vs_lab_docs")))).setMaxOutputTokens(100));

        String text = response.getOutput().stream().filter(ResponsesAssistantMessage.class::isInstance)
                .map(ResponsesAssistantMessage.class::cast).flatMap(m -> m.getContent().stream())
                .filter(ResponsesOutputContentText.class::isInstance).map(c -> ((ResponsesOutputContentText) c).getText())
                .findFirst().orElseThrow();
        assertThat(text).contains("30 days").contains("returns-policy.md");
    }

    @Test
    void should_let_the_minimum_set_of_roles_through_every_service() throws Exception {
        // the suite's caller, and the shipped minimum persona with each role at its narrowest scope: OpenAI User on
        // each account, Azure AI User on the project, Storage Blob Data Contributor on the docs container, Search
        // Index Data Reader on the docs index
        for (TokenCredential identity : List.of(target.credentials().defaultCaller(), persona("minimum"))) {
            callDirect(identity);
            readBlob(identity);
            search(identity);
            assertThat(callProject(identity)).isEqualTo(200);
        }
    }

    @Test
    void should_refuse_only_the_blobs_to_the_persona_without_the_storage_role() throws Exception {
        TokenCredential noStorage = persona("no-storage");

        callDirect(noStorage);
        search(noStorage);
        assertThat(callProject(noStorage)).isEqualTo(200);
        assertThatThrownBy(() -> readBlob(noStorage)).isInstanceOfSatisfying(BlobStorageException.class,
                e -> assertThat(e.getErrorCode().toString()).isEqualTo("AuthorizationPermissionMismatch"));
    }

    @Test
    void should_refuse_only_the_index_to_the_persona_without_the_search_role() throws Exception {
        TokenCredential noSearch = persona("no-search");

        callDirect(noSearch);
        readBlob(noSearch);
        assertThat(callProject(noSearch)).isEqualTo(200);
        assertThatThrownBy(() -> search(noSearch)).isInstanceOfSatisfying(HttpResponseException.class,
                e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    }

    @Test
    void should_reach_the_accounts_but_not_the_project_with_a_role_on_the_accounts_alone() throws Exception {
        TokenCredential openAiOnly = persona("openai-only");

        callDirect(openAiOnly);
        assertThat(callProject(openAiOnly)).isEqualTo(401);
        assertThatThrownBy(() -> readBlob(openAiOnly)).isInstanceOfSatisfying(BlobStorageException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(403));
        assertThatThrownBy(() -> search(openAiOnly)).isInstanceOfSatisfying(HttpResponseException.class,
                e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    }

    @Test
    void should_not_reach_the_accounts_with_a_role_on_the_project_alone() throws Exception {
        TokenCredential aiUserOnly = persona("ai-user-only");

        assertThat(callProject(aiUserOnly)).isEqualTo(200);
        assertThatThrownBy(() -> callDirect(aiUserOnly)).isInstanceOf(ClientAuthenticationException.class)
                .hasMessageContaining("PermissionDenied");
        assertThatThrownBy(() -> readBlob(aiUserOnly)).isInstanceOfSatisfying(BlobStorageException.class,
                e -> assertThat(e.getErrorCode().toString()).isEqualTo("AuthorizationPermissionMismatch"));
        assertThatThrownBy(() -> search(aiUserOnly)).isInstanceOfSatisfying(HttpResponseException.class,
                e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    }

    @Test
    void should_grant_no_data_actions_to_contributor() throws Exception {
        TokenCredential contributor = persona("contributor-only");

        assertThatThrownBy(() -> callDirect(contributor)).isInstanceOf(ClientAuthenticationException.class)
                .hasMessageContaining("PermissionDenied");
        assertThat(callProject(contributor)).isEqualTo(401);
        assertThatThrownBy(() -> readBlob(contributor)).isInstanceOfSatisfying(BlobStorageException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(403));
        assertThatThrownBy(() -> search(contributor)).isInstanceOfSatisfying(HttpResponseException.class,
                e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    }
}
