package io.aoailab.lab.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.aoailab.lab.http.LabJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The authority's endpoints on the wire, through OkHttp: status, headers and bodies as Entra answers them. */
class EntraAuthorityHttpTest {
    private static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com/.default";
    private static EntraLab lab;
    private static OkHttpClient http;

    @BeforeAll
    static void start() {
        lab = new EntraLab();
        http = lab.factory.okHttp();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void should_answer_entras_token_json_when_the_client_credentials_are_right() throws IOException {
        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), form("suite-caller", secret("suite-caller"), COGNITIVE_SERVICES));

        // THEN
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.headers.get("Cache-Control")).isEqualTo("no-store, no-cache");
        assertThat(fieldNames(answer.json)).containsExactly("token_type", "expires_in", "ext_expires_in", "access_token");
        assertThat(answer.json.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.json.get("expires_in").asLong()).isEqualTo(3599);
        assertThat(answer.json.get("ext_expires_in").asLong()).isEqualTo(3599);
    }

    @Test
    void should_shape_the_access_token_as_an_entra_v1_app_only_token_when_it_is_issued() throws IOException {
        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), form("openai-only", secret("openai-only"), COGNITIVE_SERVICES));

        // THEN
        String[] parts = answer.json.get("access_token").asText().split("\\.");
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        String kid = lab.authority.keyId();
        assertThat(fieldNames(header)).containsExactly("typ", "alg", "x5t", "kid");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo(kid);
        assertThat(header.get("x5t").asText()).isEqualTo(kid);
        assertThat(fieldNames(claims)).containsExactly("aud", "iss", "iat", "nbf", "exp", "appid", "appidacr", "idp",
                "idtyp", "oid", "sub", "tid", "uti", "ver");
        String tenantId = lab.tenantId();
        String objectId = lab.topology.principal("openai-only").orElseThrow().objectId();
        assertThat(claims.get("aud").asText()).isEqualTo("https://cognitiveservices.azure.com");
        assertThat(claims.get("iss").asText()).isEqualTo("https://sts.windows.net/" + tenantId + "/");
        assertThat(claims.get("idp").asText()).isEqualTo("https://sts.windows.net/" + tenantId + "/");
        assertThat(claims.get("appid").asText()).isEqualTo(lab.clientId("openai-only"));
        assertThat(claims.get("appidacr").asText()).isEqualTo("1");
        assertThat(claims.get("idtyp").asText()).isEqualTo("app");
        assertThat(claims.get("oid").asText()).isEqualTo(objectId);
        assertThat(claims.get("sub").asText()).isEqualTo(objectId);
        assertThat(claims.get("tid").asText()).isEqualTo(tenantId);
        assertThat(claims.get("uti").asText()).matches("[A-Za-z0-9_-]{22}");
        assertThat(claims.get("ver").asText()).isEqualTo("1.0");
        long now = lab.clock.instant().getEpochSecond();
        assertThat(claims.get("iat").asLong()).isEqualTo(claims.get("nbf").asLong()).isEqualTo(now - 300);
        assertThat(claims.get("exp").asLong()).isEqualTo(now + 3600);
    }

    @Test
    void should_publish_a_jwks_that_verifies_issued_tokens_when_a_validator_fetches_the_metadata() throws Exception {
        // GIVEN a validator that knows only the authority's metadata URL, as APIM's validate-jwt does
        String token = post(tokenUrl(lab.tenantId()), form("suite-caller", secret("suite-caller"), COGNITIVE_SERVICES))
                .json.get("access_token").asText();
        JsonNode metadata = get(lab.pinnedAuthorityHost() + "/" + lab.tenantId()
                + "/v2.0/.well-known/openid-configuration").json;

        // WHEN
        Answer keys = get(metadata.get("jwks_uri").asText());

        // THEN
        assertThat(keys.headers.get("Cache-Control")).isEqualTo("max-age=86400, private");
        JsonNode published = keys.json.get("keys").get(0);
        assertThat(fieldNames(published)).containsExactly("kty", "use", "kid", "x5t", "n", "e", "x5c", "issuer");
        assertThat(published.get("issuer").asText())
                .isEqualTo("https://login.microsoftonline.com/" + lab.tenantId() + "/v2.0");
        JWKSet jwks = JWKSet.parse(keys.body);
        assertThat(jwks.getKeys()).singleElement().satisfies(key -> {
            assertThat(key.getKeyID()).isEqualTo(lab.authority.keyId());
            assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
            assertThat(key.getX509CertChain()).hasSize(1);
        });
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void should_build_metadata_urls_from_the_pinned_host_when_the_client_reached_it_by_that_name() throws IOException {
        // WHEN
        Answer answer = get(lab.pinnedAuthorityHost() + "/" + lab.tenantId() + "/v2.0/.well-known/openid-configuration");

        // THEN
        String base = "https://login.microsoftonline.com:" + lab.server.port() + "/" + lab.tenantId();
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.json.get("token_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/token");
        assertThat(answer.json.get("jwks_uri").asText()).isEqualTo(base + "/discovery/v2.0/keys");
        assertThat(answer.json.get("authorization_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/authorize");
        assertThat(answer.json.get("issuer").asText())
                .isEqualTo("https://login.microsoftonline.com/" + lab.tenantId() + "/v2.0");
    }

    @Test
    void should_build_metadata_urls_from_the_loopback_address_when_the_client_reached_it_so() throws IOException {
        // WHEN the tenant is named by its domain
        Answer answer = get(lab.loopbackAuthorityHost() + "/" + lab.topology.tenant().domain()
                + "/v2.0/.well-known/openid-configuration");

        // THEN URLs name the tenant by id, as Entra's do
        String base = "https://127.0.0.1:" + lab.server.port() + "/" + lab.tenantId();
        assertThat(answer.json.get("token_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/token");
        assertThat(answer.json.get("jwks_uri").asText()).isEqualTo(base + "/discovery/v2.0/keys");
        assertThat(answer.json.get("issuer").asText())
                .isEqualTo("https://login.microsoftonline.com/" + lab.tenantId() + "/v2.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2.0/.well-known/openid-configuration", "/discovery/v2.0/keys"})
    void should_answer_aadsts90002_when_discovery_names_another_tenant(String endpoint) throws IOException {
        // WHEN
        Answer answer = get(lab.pinnedAuthorityHost() + "/organizations" + endpoint);

        // THEN
        assertEntraError(answer, 400, "invalid_tenant", 90002, "AADSTS90002: Tenant 'organizations' not found.");
    }

    @Test
    void should_answer_aadsts90002_when_the_token_request_names_another_tenant() throws IOException {
        // GIVEN
        String otherTenant = UUID.randomUUID().toString();

        // WHEN
        Answer answer = post(tokenUrl(otherTenant), form("suite-caller", secret("suite-caller"), COGNITIVE_SERVICES));

        // THEN
        assertEntraError(answer, 400, "invalid_tenant", 90002, "AADSTS90002: Tenant '" + otherTenant + "' not found.");
    }

    @Test
    void should_answer_aadsts7000215_without_any_secret_when_the_secret_is_wrong() throws IOException {
        // GIVEN
        String wrongSecret = "Wr0" + "9Q~" + "z".repeat(34);

        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), form("suite-caller", wrongSecret, COGNITIVE_SERVICES));

        // THEN
        assertEntraError(answer, 401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided. Ensure"
                + " the secret being sent in the request is the client secret value, not the client secret ID, for a"
                + " secret added to app '" + lab.clientId("suite-caller") + "'.");
        assertThat(answer.body).doesNotContain(wrongSecret).doesNotContain(secret("suite-caller"));
    }

    @Test
    void should_answer_aadsts7000215_when_a_managed_identity_presents_a_secret() throws IOException {
        // WHEN a managed identity has no secret, so none matches
        Answer answer = post(tokenUrl(lab.tenantId()), form("apim-gateway", secret("suite-caller"), COGNITIVE_SERVICES));

        // THEN
        assertEntraError(answer, 401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided.");
        assertThat(answer.body).doesNotContain(secret("suite-caller"));
    }

    @Test
    void should_answer_aadsts700016_when_the_client_id_is_unknown() throws IOException {
        // GIVEN
        String unknownClient = UUID.randomUUID().toString();

        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), new FormBody.Builder().add("client_id", unknownClient)
                .add("client_secret", secret("suite-caller")).add("scope", COGNITIVE_SERVICES)
                .add("grant_type", "client_credentials").build());

        // THEN
        assertEntraError(answer, 400, "unauthorized_client", 700016, "AADSTS700016: Application with identifier '"
                + unknownClient + "' was not found in the directory '" + lab.tenantId() + "'. This can happen if the"
                + " application has not been installed by the administrator of the tenant or consented to by any user"
                + " in the tenant. You may have sent your authentication request to the wrong tenant.");
        assertThat(answer.body).doesNotContain(secret("suite-caller"));
    }

    @Test
    void should_not_echo_the_secret_when_a_client_sends_it_as_its_client_id() throws IOException {
        // GIVEN the classic mix-up: the secret in the client id field
        String secret = secret("openai-only");

        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), new FormBody.Builder().add("client_id", secret)
                .add("client_secret", secret).add("scope", COGNITIVE_SERVICES)
                .add("grant_type", "client_credentials").build());

        // THEN
        assertEntraError(answer, 400, "unauthorized_client", 700016,
                "AADSTS700016: Application with identifier 'REDACTED' was not found in the directory");
        assertThat(answer.body).doesNotContain(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cognitiveservices.azure.com", "https://cognitiveservices.azure.com/user_impersonation",
            "openid"})
    void should_answer_aadsts1002012_when_the_scope_is_not_a_default_scope(String scope) throws IOException {
        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), form("suite-caller", secret("suite-caller"), scope));

        // THEN
        assertEntraError(answer, 400, "invalid_scope", 1002012, "AADSTS1002012: The provided value for scope " + scope
                + " is not valid. Client credential flows must have a scope value with /.default suffixed to the"
                + " resource identifier (application ID URI).");
    }

    @Test
    void should_answer_aadsts70011_when_the_scope_names_two_resources() throws IOException {
        // GIVEN
        String scope = "https://cognitiveservices.azure.com/.default https://storage.azure.com/.default";

        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), form("suite-caller", secret("suite-caller"), scope));

        // THEN
        assertEntraError(answer, 400, "invalid_scope", 70011, "AADSTS70011: The provided request must include a"
                + " 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope "
                + scope + " is not valid.");
    }

    @Test
    void should_issue_the_token_when_msal_adds_the_oidc_scopes_to_a_default_scope() throws IOException {
        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), form("suite-caller", secret("suite-caller"),
                "openid https://storage.azure.com/.default profile offline_access"));

        // THEN
        assertThat(answer.status).isEqualTo(200);
        assertThat(lab.authority.verify("Bearer " + answer.json.get("access_token").asText(), "https://storage.azure.com"))
                .isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void should_answer_aadsts500011_when_the_default_scope_names_an_unknown_resource() throws IOException {
        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), form("suite-caller", secret("suite-caller"),
                "https://vault.azure.net/.default"));

        // THEN
        assertEntraError(answer, 400, "invalid_resource", 500011, "AADSTS500011: The resource principal named"
                + " https://vault.azure.net was not found in the tenant named " + lab.tenantId() + ".");
    }

    @Test
    void should_answer_aadsts70003_when_the_grant_type_is_not_client_credentials() throws IOException {
        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), new FormBody.Builder().add("grant_type", "password")
                .add("client_id", lab.clientId("suite-caller")).add("scope", COGNITIVE_SERVICES).build());

        // THEN
        assertEntraError(answer, 400, "unsupported_grant_type", 70003,
                "AADSTS70003: The app requested an unsupported grant type 'password'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type", "client_id", "scope"})
    void should_answer_aadsts900144_naming_the_parameter_when_one_is_missing(String missing) throws IOException {
        // GIVEN
        Map<String, String> parameters = Map.of("grant_type", "client_credentials", "client_id",
                lab.clientId("suite-caller"), "client_secret", secret("suite-caller"), "scope", COGNITIVE_SERVICES);
        FormBody.Builder form = new FormBody.Builder();
        parameters.entrySet().stream().filter(e -> !e.getKey().equals(missing)).forEach(e -> form.add(e.getKey(), e.getValue()));

        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), form.build());

        // THEN
        assertEntraError(answer, 400, "invalid_request", 900144,
                "AADSTS900144: The request body must contain the following parameter: '" + missing + "'.");
        assertThat(answer.body).doesNotContain(secret("suite-caller"));
    }

    @Test
    void should_answer_aadsts7000216_when_no_client_secret_is_sent() throws IOException {
        // WHEN
        Answer answer = post(tokenUrl(lab.tenantId()), new FormBody.Builder().add("grant_type", "client_credentials")
                .add("client_id", lab.clientId("suite-caller")).add("scope", COGNITIVE_SERVICES).build());

        // THEN
        assertEntraError(answer, 401, "invalid_client", 7000216, "AADSTS7000216: 'client_assertion', 'client_secret'"
                + " or 'request' is required for the 'client_credentials' grant type.");
    }

    @Test
    void should_answer_aadsts900561_when_the_token_endpoint_is_called_with_get() throws IOException {
        // WHEN
        Answer answer = get(tokenUrl(lab.tenantId()));

        // THEN
        assertEntraError(answer, 400, "invalid_request", 900561,
                "AADSTS900561: The endpoint only accepts POST requests. Received a GET request.");
    }

    @Test
    void should_accept_client_secret_basic_when_the_credentials_come_in_the_authorization_header() throws IOException {
        // GIVEN
        Request request = new Request.Builder().url(tokenUrl(lab.tenantId()))
                .header("Authorization", Credentials.basic(lab.clientId("contributor-only"), secret("contributor-only")))
                .post(new FormBody.Builder().add("grant_type", "client_credentials").add("scope", COGNITIVE_SERVICES)
                        .build())
                .build();

        // WHEN
        Answer answer = call(request);

        // THEN
        assertThat(answer.status).isEqualTo(200);
        assertThat(lab.authority.verify("Bearer " + answer.json.get("access_token").asText(),
                "https://cognitiveservices.azure.com")).isInstanceOfSatisfying(TokenCheck.Valid.class,
                        valid -> assertThat(valid.caller().name()).isEqualTo("contributor-only"));
    }

    @Test
    void should_use_the_client_request_id_as_correlation_id_when_the_client_sends_one() throws IOException {
        // GIVEN
        String clientRequestId = UUID.randomUUID().toString();
        Request request = new Request.Builder().url(tokenUrl(lab.tenantId())).header("client-request-id", clientRequestId)
                .post(form("suite-caller", "not-the-secret", COGNITIVE_SERVICES)).build();

        // WHEN
        Answer answer = call(request);

        // THEN
        assertThat(answer.json.get("correlation_id").asText()).isEqualTo(clientRequestId);
        assertThat(answer.headers.get("client-request-id")).isEqualTo(clientRequestId);
    }

    @Test
    void should_answer_404_when_the_path_is_not_an_entra_endpoint() throws IOException {
        // WHEN
        Answer unknownEndpoint = get(lab.pinnedAuthorityHost() + "/" + lab.tenantId() + "/oauth2/v2.0/authorize");
        Answer root = get(lab.pinnedAuthorityHost() + "/");

        // THEN
        assertThat(unknownEndpoint.status).isEqualTo(404);
        assertThat(root.status).isEqualTo(404);
    }

    private static void assertEntraError(Answer answer, int status, String error, int code, String descriptionStart) {
        assertThat(answer.status).as("status").isEqualTo(status);
        JsonNode json = answer.json;
        assertThat(fieldNames(json)).containsExactly("error", "error_description", "error_codes", "timestamp",
                "trace_id", "correlation_id", "error_uri");
        assertThat(json.get("error").asText()).isEqualTo(error);
        assertThat(json.get("error_codes").toString()).isEqualTo("[" + code + "]");
        assertThat(json.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z");
        assertThat(json.get("trace_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(json.get("correlation_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(json.get("error_uri").asText()).isEqualTo("https://login.microsoftonline.com/error?code=" + code);
        assertThat(json.get("error_description").asText()).startsWith(descriptionStart)
                .endsWith(" Trace ID: " + json.get("trace_id").asText() + " Correlation ID: "
                        + json.get("correlation_id").asText() + " Timestamp: " + json.get("timestamp").asText());
        assertThat(answer.headers.get("x-ms-request-id")).isEqualTo(json.get("trace_id").asText());
        assertThat(answer.headers.get("Content-Type")).startsWith("application/json");
    }

    private static String tokenUrl(String tenant) {
        return lab.pinnedAuthorityHost() + "/" + tenant + "/oauth2/v2.0/token";
    }

    private static String secret(String principal) {
        return lab.authority.clientSecret(principal).reveal();
    }

    private static FormBody form(String principal, String secret, String scope) {
        return new FormBody.Builder().add("client_id", lab.clientId(principal)).add("client_secret", secret)
                .add("scope", scope).add("grant_type", "client_credentials").build();
    }

    private static Answer get(String url) throws IOException {
        return call(new Request.Builder().url(url).get().build());
    }

    private static Answer post(String url, FormBody body) throws IOException {
        return call(new Request.Builder().url(url).post(body).build());
    }

    private static Answer call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            JsonNode json = body.isEmpty() ? LabJson.object() : LabJson.MAPPER.readTree(body);
            Map<String, String> headers = response.headers().names().stream()
                    .collect(Collectors.toMap(name -> name, response::header));
            return new Answer(response.code(), new CaseInsensitiveHeaders(headers), body, json);
        }
    }

    private static JsonNode decode(String base64url) throws IOException {
        return LabJson.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8));
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Answer(int status, CaseInsensitiveHeaders headers, String body, JsonNode json) {
    }

    private record CaseInsensitiveHeaders(Map<String, String> values) {
        String get(String name) {
            return values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }
}
