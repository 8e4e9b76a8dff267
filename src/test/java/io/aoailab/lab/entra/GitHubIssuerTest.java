package io.aoailab.lab.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.secrets.GeneratedSecrets;
import io.aoailab.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's GitHub-like OIDC provider on the wire: metadata, keys, and the token request of a job. */
class GitHubIssuerTest {
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
    void should_answer_a_jobs_token_request_with_a_jwt_signed_by_a_key_of_its_jwks() throws Exception {
        // WHEN a job asks as GitHub documents it: the request URL, "&audience=", the request token as bearer
        JsonNode answer = getJson(HttpUrl.get(lab.githubRequestUrl() + "&audience=api://AzureADTokenExchange"),
                "Bearer " + lab.github.requestToken().reveal(), 200);

        // THEN {"value": jwt}, signed with RS256 by the key the JWKS lists, with GitHub's claims
        SignedJWT jwt = SignedJWT.parse(answer.get("value").asText());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().toJSONObject()).containsOnlyKeys("typ", "alg", "x5t", "kid");
        JWKSet keys = JWKSet.parse(getJson(HttpUrl.get(issuerUrl() + "/.well-known/jwks"), null, 200).toString());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(claims.getSubject()).isEqualTo("repo:aoai-lab/aoai-lab-suite:ref:refs/heads/main");
        assertThat(claims.getAudience()).containsExactly("api://AzureADTokenExchange");
        assertThat(claims.getJWTID()).isNotBlank();
        Instant issued = claims.getIssueTime().toInstant();
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(issued.plus(Duration.ofMinutes(5)));
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(issued.minus(Duration.ofMinutes(10)));
        assertThat(claims.getStringClaim("repository")).isEqualTo("aoai-lab/aoai-lab-suite");
        assertThat(claims.getStringClaim("ref")).isEqualTo("refs/heads/main");
    }

    @Test
    void should_issue_a_new_token_on_every_request_and_record_each_without_the_token() throws Exception {
        // GIVEN
        int before = lab.github.issued().size();
        HttpUrl url = HttpUrl.get(lab.githubRequestUrl() + "&audience=api://AzureADTokenExchange");

        // WHEN
        String first = getJson(url, "Bearer " + lab.github.requestToken().reveal(), 200).get("value").asText();
        String second = getJson(url, "bearer " + lab.github.requestToken().reveal(), 200).get("value").asText();

        // THEN two tokens, two records, told apart by jti
        assertThat(first).isNotEqualTo(second);
        List<GitHubIssuer.IssuedAssertion> issued = lab.github.issued();
        assertThat(issued).hasSize(before + 2);
        assertThat(issued.subList(before, before + 2)).extracting(GitHubIssuer.IssuedAssertion::jti).containsExactly(
                SignedJWT.parse(first).getJWTClaimsSet().getJWTID(), SignedJWT.parse(second).getJWTClaimsSet().getJWTID());
        assertThat(issued.get(before).toString()).doesNotContain(first);
    }

    @Test
    void should_give_the_repository_owners_url_as_audience_when_none_is_asked_for() throws Exception {
        // WHEN
        JsonNode answer = getJson(HttpUrl.get(lab.githubRequestUrl()), "Bearer " + lab.github.requestToken().reveal(),
                200);

        // THEN
        assertThat(SignedJWT.parse(answer.get("value").asText()).getJWTClaimsSet().getAudience())
                .containsExactly("https://github.com/aoai-lab");
    }

    @Test
    void should_refuse_a_token_request_without_the_request_token_and_name_no_secret() throws IOException {
        // WHEN
        JsonNode wrong = getJson(HttpUrl.get(lab.githubRequestUrl() + "&audience=x"), "Bearer not-the-token", 401);
        JsonNode missing = getJson(HttpUrl.get(lab.githubRequestUrl()), null, 401);

        // THEN
        assertThat(wrong.get("message").asText()).contains("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "id-token: write")
                .doesNotContain(lab.github.requestToken().reveal());
        assertThat(missing).isEqualTo(wrong);
    }

    @Test
    void should_serve_githubs_metadata_naming_its_issuer_and_jwks() throws IOException {
        // WHEN
        JsonNode metadata = getJson(HttpUrl.get(issuerUrl() + "/.well-known/openid-configuration"), null, 200);

        // THEN
        assertThat(metadata.get("issuer").asText()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(metadata.get("jwks_uri").asText())
                .isEqualTo("https://token.actions.githubusercontent.com/.well-known/jwks");
        assertThat(metadata.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
        assertThat(metadata.get("claims_supported").toString()).contains("\"sub\"", "\"aud\"", "\"jti\"", "\"nbf\"");
    }

    @Test
    void should_answer_404_for_another_path_and_405_for_a_post_to_the_token_request() throws IOException {
        try (Response other = http.newCall(new Request.Builder().url(issuerUrl() + "/idtoken").build()).execute();
                Response post = http.newCall(new Request.Builder().url(lab.githubRequestUrl())
                        .post(okhttp3.RequestBody.create(new byte[0])).build()).execute()) {
            assertThat(other.code()).isEqualTo(404);
            assertThat(post.code()).isEqualTo(405);
        }
    }

    @Test
    void should_issue_tokens_of_the_lifetime_it_was_given() throws Exception {
        // GIVEN an issuer whose tokens live 2 s, on a clock the test sets
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.700Z"));
        GitHubIssuer shortLived = new GitHubIssuer(clock, new GeneratedSecrets(), Duration.ofSeconds(2));

        // WHEN
        JWTClaimsSet claims = SignedJWT.parse(shortLived.issue("api://AzureADTokenExchange")).getJWTClaimsSet();

        // THEN whole seconds, as in every JWT
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:02Z"));
        assertThat(shortLived.issued()).singleElement().satisfies(issued -> assertThat(issued.expiresAt())
                .isEqualTo(Instant.parse("2026-03-01T10:00:02Z")));
        assertThatThrownBy(() -> new GitHubIssuer(clock, new GeneratedSecrets(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_register_its_request_token_with_the_labs_secrets() {
        GeneratedSecrets secrets = new GeneratedSecrets();

        GitHubIssuer issuer = new GitHubIssuer(new MutableClock(), secrets, GitHubIssuer.DEFAULT_LIFETIME);

        assertThat(secrets.all()).contains(issuer.requestToken());
        assertThat(issuer.requestPath()).matches("/_apis/distributedtask/hubs/Actions/plans/[0-9a-f-]{36}/jobs/"
                + "[0-9a-f-]{36}/idtoken\\?api-version=2\\.0");
    }

    private static String issuerUrl() {
        return "https://" + GitHubIssuer.HOST_NAME + ":" + lab.githubServer.port();
    }

    private static JsonNode getJson(HttpUrl url, String authorization, int expectedStatus) throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            assertThat(response.code()).as("status of GET %s", url.encodedPath()).isEqualTo(expectedStatus);
            return LabJson.MAPPER.readTree(response.body().string());
        }
    }
}
