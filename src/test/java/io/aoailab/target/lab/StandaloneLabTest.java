package io.aoailab.target.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.ai.openai.responses.models.ResponsesResponseStatus;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.access.PemCertificates;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.config.Target;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.http.LabServer;
import io.aoailab.target.LiveTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standalone lab as other clients meet it: through lab.env and lab-ca.pem only. */
class StandaloneLabTest {
    @TempDir
    static Path out;
    private static Lab lab;
    private static LabServer admin;
    private static Map<String, String> env;
    private static HttpClient plainClient;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(LabOptions.defaults());
        admin = lab.serveAdminApi(0);
        StandaloneLab.write(out, out.resolve("lab-ca.pem"), out.resolve("lab.env"), lab);
        env = parse(Files.readString(out.resolve("lab.env")));
        plainClient = HttpClient.newBuilder().sslContext(trustingOnly(out.resolve("lab-ca.pem")))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void should_write_the_keys_of_env_sample_and_leave_the_intent_to_the_user() throws IOException {
        Map<String, String> sample = parse(Files.readString(Path.of("env.sample")));

        assertThat(env.keySet()).containsAll(sample.keySet());
        assertThat(env.keySet()).allMatch(k -> sample.containsKey(k) || k.startsWith("PERSONA_"));
        assertThat(env).containsEntry("LAB_TARGET", "live").containsEntry("EXPECTED_POOL_WEIGHTS", "")
                .containsEntry("EXPECTED_REGION_1", "");
        assertThat(env.get("OPENAI_ENDPOINT_1")).startsWith("https://127.0.0.1:");
        assertThat(env.get("PERSONAS")).isEqualTo("minimum,ai-user-only,openai-only,no-storage,no-search,contributor-only,no-role");
        assertThat(env.keySet()).noneMatch(k -> k.endsWith("_ROLES"));
    }

    @Test
    void should_drive_the_suites_live_code_path_against_the_lab() {
        // GIVEN the suite configured from lab.env alone, as `LAB_TARGET=live` after sourcing it would be
        SuiteConfig config = new SuiteConfigResolver(ConfigSources.of(Map.of(), Map.of(), env)).resolve();
        assertThat(config.target()).isEqualTo(Target.LIVE);

        try (LiveTarget live = new LiveTarget(config)) {
            AtomicReference<String> region = new AtomicReference<>();
            HttpPipelinePolicy capture = (context, next) -> next.process()
                    .doOnNext(r -> region.set(r.getHeaderValue(HttpHeaderName.fromString("x-ms-region"))));
            // WHEN DefaultAzureCredential (environment credential) signs in and the real client calls endpoint 2
            var response = new ResponsesClientBuilder().endpoint(live.endpoints().openai().get(1).toString())
                    .credential(live.credentials().defaultCaller()).httpClient(live.http().azureHttpClient())
                    .addPolicy(capture).buildClient()
                    .createResponse(new CreateResponsesRequest(CreateResponsesRequestModel.fromString(
                            config.modelDeployment()), "Hello from the live path").setMaxOutputTokens(64));

            // THEN
            assertThat(response.getStatus()).isEqualTo(ResponsesResponseStatus.COMPLETED);
            assertThat(region.get()).isEqualTo("East US 2");
        }
    }

    @Test
    void should_serve_a_plain_http_client_that_trusts_only_lab_ca_pem() throws Exception {
        // GIVEN a token from the client-credentials grant, as curl or Python would post it
        String form = "grant_type=client_credentials&client_id=" + env.get("AZURE_CLIENT_ID") + "&client_secret="
                + URLEncoder.encode(env.get("AZURE_CLIENT_SECRET"), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("https://cognitiveservices.azure.com/.default", StandardCharsets.UTF_8);
        HttpResponse<String> token = plainClient.send(HttpRequest.newBuilder(
                URI.create(env.get("AZURE_AUTHORITY_HOST") + env.get("AZURE_TENANT_ID") + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = LabJson.MAPPER.readTree(token.body()).get("access_token").asText();

        // WHEN it calls the v1 Responses route of endpoint 1
        HttpResponse<String> response = plainClient.send(HttpRequest.newBuilder(
                URI.create(env.get("OPENAI_ENDPOINT_1") + "openai/v1/responses"))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"input\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-ms-region")).contains("East US");
        assertThat(LabJson.MAPPER.readTree(response.body()).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void should_serve_the_apim_gateway_to_a_plain_client_with_the_subscription_key() throws Exception {
        HttpResponse<String> response = plainClient.send(HttpRequest.newBuilder(
                URI.create(env.get("APIM_GATEWAY_URL") + "openai/responses?api-version=2025-03-01-preview"))
                .header("api-key", env.get("APIM_SUBSCRIPTION_KEY")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"input\":\"via APIM\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-backend-region").orElseThrow()).isIn("East US", "East US 2");
    }

    @Test
    void should_inject_and_clear_faults_through_the_admin_api() throws Exception {
        URI faults = admin.loopbackUri().resolve("/admin/faults");
        HttpResponse<String> injected = plainClient.send(HttpRequest.newBuilder(faults)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"account\":\"aoai-eus2\",\"fault\":\"error\",\"status\":503,\"times\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(injected.statusCode()).isEqualTo(201);
        assertThat(lab.faults().next("aoai-eus2")).isPresent();

        plainClient.send(HttpRequest.newBuilder(faults).POST(HttpRequest.BodyPublishers.ofString(
                "{\"account\":\"aoai-eus2\",\"fault\":\"drop\",\"durationMs\":60000}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> cleared = plainClient.send(HttpRequest.newBuilder(faults).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(lab.faults().next("aoai-eus2")).isEmpty();

        HttpResponse<String> bad = plainClient.send(HttpRequest.newBuilder(faults).POST(HttpRequest.BodyPublishers
                .ofString("{\"account\":\"aoai-west\",\"fault\":\"error\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("aoai-west");
    }

    @Test
    void should_print_every_endpoint_and_how_to_use_them() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        StandaloneLab.describe(new PrintStream(printed, true, StandardCharsets.UTF_8), lab, admin, out.resolve("lab-ca.pem"),
                out.resolve("lab.env"));

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains(env.get("OPENAI_ENDPOINT_1"), env.get("OPENAI_ENDPOINT_2"),
                env.get("AZURE_AUTHORITY_HOST"), "East US 2", "--cacert", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS");
        assertThat(text).doesNotContain(env.get("AZURE_CLIENT_SECRET"))
                .doesNotContain(lab.githubIssuer().requestToken().reveal())
                .contains(lab.githubOidcRequest(true).requestUrl().toString(), "github-oidc.env");
    }

    @Test
    void should_write_githubs_oidc_variables_for_its_issuer_beside_lab_env_owner_only() throws IOException {
        Path file = out.resolve("github-oidc.env");

        Map<String, String> github = parse(Files.readString(file));

        assertThat(github).containsOnlyKeys("ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
                "AZURE_CLIENT_SECRET");
        assertThat(github.get("ACTIONS_ID_TOKEN_REQUEST_URL")).startsWith("https://127.0.0.1:")
                .endsWith("/idtoken?api-version=2.0");
        assertThat(github.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")).isEqualTo(lab.githubIssuer().requestToken().reveal());
        assertThat(github.get("AZURE_CLIENT_SECRET")).as("emptied: a configured secret would win").isEmpty();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void should_hand_out_github_tokens_to_a_plain_client_with_the_request_token_of_github_oidc_env() throws Exception {
        Map<String, String> github = parse(Files.readString(out.resolve("github-oidc.env")));

        HttpResponse<String> answer = plainClient.send(HttpRequest.newBuilder(URI.create(
                github.get("ACTIONS_ID_TOKEN_REQUEST_URL") + "&audience=api://AzureADTokenExchange"))
                .header("Authorization", "bearer " + github.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(LabJson.MAPPER.readTree(answer.body()).get("value").asText()).matches("[^.]+\\.[^.]+\\.[^.]+");
    }

    private static Map<String, String> parse(String dotenv) {
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("(?m)^([A-Z0-9_]+)=(.*)$").matcher(dotenv);
        while (matcher.find()) {
            keys.put(matcher.group(1), matcher.group(2));
        }
        return keys;
    }

    private static SSLContext trustingOnly(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("lab", PemCertificates.read(pem).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
