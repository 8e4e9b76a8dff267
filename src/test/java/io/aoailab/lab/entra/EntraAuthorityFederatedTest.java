package io.aoailab.lab.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.secrets.GeneratedSecrets;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.Topology.FederatedCredential;
import io.aoailab.lab.topology.Topology.Principal;
import io.aoailab.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint's client-assertion grant (workload identity federation) on the wire: a GitHub token of the
 * principal's federated credential gets an access token; each way it can be wrong gets Entra's own code, status and
 * text (docs/azure-facts.md §9).
 */
class EntraAuthorityFederatedTest {
    private static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com/.default";
    private static final String SUBJECT = "repo:aoai-lab/aoai-lab-suite:ref:refs/heads/main";
    private static final String AUDIENCE = "api://AzureADTokenExchange";
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
    void should_issue_a_token_for_a_github_token_of_the_principals_federated_credential() throws IOException {
        // WHEN suite-caller presents what its GitHub job got
        Answer answer = post("suite-caller", lab.github.issue(AUDIENCE), COGNITIVE_SERVICES);

        // THEN a token for the resource, as suite-caller, authenticated by a key rather than a secret
        assertThat(answer.status).isEqualTo(200);
        String token = answer.json.get("access_token").asText();
        assertThat(lab.authority.verify("Bearer " + token, "https://cognitiveservices.azure.com"))
                .isInstanceOfSatisfying(TokenCheck.Valid.class, valid -> assertThat(valid.caller().name())
                        .isEqualTo("suite-caller"));
        assertThat(claim(token, "appidacr")).isEqualTo("2");
    }

    @Test
    void should_refuse_a_subject_no_federated_credential_names_with_aadsts700213() throws IOException {
        Answer answer = post("suite-caller", signed(claims(GitHubIssuer.ISSUER, "repo:aoai-lab/aoai-lab-suite:ref:"
                + "refs/heads/feature", AUDIENCE)), COGNITIVE_SERVICES);

        assertRefused(answer, 401, "invalid_client", 700213, "AADSTS700213: No matching federated identity record found"
                + " for presented assertion subject 'repo:aoai-lab/aoai-lab-suite:ref:refs/heads/feature'. Check your"
                + " federated identity credential Subject, Audience and Issuer against the presented assertion."
                + " https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
    }

    @Test
    void should_compare_the_subject_case_sensitively() throws IOException {
        Answer answer = post("suite-caller", signed(claims(GitHubIssuer.ISSUER, SUBJECT.replace("aoai-lab/",
                "AOAI-Lab/"), AUDIENCE)), COGNITIVE_SERVICES);

        assertRefused(answer, 401, "invalid_client", 700213, "AADSTS700213: No matching federated identity record found"
                + " for presented assertion subject 'repo:AOAI-Lab/aoai-lab-suite:ref:refs/heads/main'.");
    }

    @Test
    void should_refuse_an_audience_no_federated_credential_names_with_aadsts700212() throws IOException {
        // WHEN the job asked GitHub for its default audience instead of Entra's
        Answer answer = post("suite-caller", lab.github.issue("https://github.com/aoai-lab"), COGNITIVE_SERVICES);

        assertRefused(answer, 401, "invalid_client", 700212, "AADSTS700212: No matching federated identity record found"
                + " for presented assertion audience 'https://github.com/aoai-lab'. Check your federated identity"
                + " credential Subject, Audience and Issuer against the presented assertion."
                + " https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
    }

    @Test
    void should_refuse_an_issuer_no_federated_credential_names_with_aadsts700211() throws IOException {
        // a trailing slash is another issuer: the classic misconfiguration (MicrosoftDocs/azure-docs#104998)
        Answer answer = post("suite-caller", signed(claims(GitHubIssuer.ISSUER + "/", SUBJECT, AUDIENCE)),
                COGNITIVE_SERVICES);

        assertRefused(answer, 401, "invalid_client", 700211, "AADSTS700211: No matching federated identity record found"
                + " for presented assertion issuer 'https://token.actions.githubusercontent.com/'.");
    }

    @Test
    void should_refuse_an_expired_github_token_with_aadsts700024_naming_the_times() throws IOException {
        // GIVEN a token issued now, presented 5 minutes and 1 second later
        Instant start = lab.clock.instant();
        String assertion = lab.github.issue(AUDIENCE);
        Instant issued = start.truncatedTo(ChronoUnit.SECONDS);
        lab.clock.set(issued.plus(Duration.ofMinutes(5)).plusSeconds(1));
        Answer answer;
        try {
            // WHEN
            answer = post("suite-caller", assertion, COGNITIVE_SERVICES);
        } finally {
            lab.clock.set(start);
        }

        // THEN
        assertRefused(answer, 401, "invalid_client", 700024, "AADSTS700024: Client assertion is not within its valid"
                + " time range. Current time: " + sts(issued.plusSeconds(301)) + ", assertion valid from "
                + sts(issued.minus(Duration.ofMinutes(10))) + ", expiry time of assertion " + sts(issued.plusSeconds(300))
                + ". Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .");
    }

    @Test
    void should_refuse_a_token_at_the_second_it_expires() throws IOException {
        Instant start = lab.clock.instant();
        String assertion = lab.github.issue(AUDIENCE);
        lab.clock.set(start.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(5)));
        try {
            assertThat(post("suite-caller", assertion, COGNITIVE_SERVICES).code()).isEqualTo(700024);
        } finally {
            lab.clock.set(start);
        }
    }

    @Test
    void should_refuse_a_token_signed_by_a_key_the_issuer_does_not_list_with_aadsts7000272() throws IOException {
        // GIVEN GitHub's claims, signed by a key of another issuer (the lab's Entra key: not in GitHub's JWKS)
        String assertion = lab.authority.sign(claims(GitHubIssuer.ISSUER, SUBJECT, AUDIENCE));

        Answer answer = post("suite-caller", assertion, COGNITIVE_SERVICES);

        assertRefused(answer, 401, "invalid_client", 7000272, "AADSTS7000272: The certificate with identifier "
                + lab.authority.keyId() + " used to sign the federated credential could not be found in the metadata of"
                + " identity provider https://token.actions.githubusercontent.com. Please validate that your Identity"
                + " Provider's metadata exposes the key used to sign the incoming token.");
    }

    @Test
    void should_refuse_a_token_whose_signature_the_issuers_key_does_not_verify_with_aadsts700027() throws IOException {
        // GIVEN a real GitHub token whose claims were changed after signing
        String[] parts = lab.github.issue(AUDIENCE).split("\\.");
        Map<String, Object> claims = claims(GitHubIssuer.ISSUER, SUBJECT, AUDIENCE);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                LabJson.MAPPER.writeValueAsBytes(claims)) + "." + parts[2];

        Answer answer = post("suite-caller", tampered, COGNITIVE_SERVICES);

        assertRefused(answer, 401, "invalid_client", 700027, "AADSTS700027: Client assertion contains an invalid"
                + " signature. [Reason - The provided signature value did not match the expected signature value.]");
    }

    @Test
    void should_refuse_an_assertion_from_a_principal_without_federated_credentials_with_aadsts70025()
            throws IOException {
        Answer answer = post("no-role", lab.github.issue(AUDIENCE), COGNITIVE_SERVICES);

        assertRefused(answer, 401, "invalid_client", 70025,
                "AADSTS70025: The client 'no-role' has no configured federated identity credentials.");
    }

    @Test
    void should_refuse_an_assertion_that_is_not_a_jwt_with_aadsts50027() throws IOException {
        Answer answer = post("suite-caller", "not-a-token", COGNITIVE_SERVICES);

        assertRefused(answer, 400, "invalid_request", 50027, "AADSTS50027: JWT token is invalid or malformed.");
    }

    @Test
    void should_refuse_an_assertion_without_the_jwt_bearer_type() throws IOException {
        FormBody form = new FormBody.Builder().add("grant_type", "client_credentials")
                .add("client_id", lab.clientId("suite-caller")).add("scope", COGNITIVE_SERVICES)
                .add("client_assertion", lab.github.issue(AUDIENCE)).build();

        Answer answer = send(form);

        assertRefused(answer, 400, "invalid_request", 900144,
                "AADSTS900144: The request body must contain the following parameter: 'client_assertion_type'.");
    }

    @Test
    void should_keep_the_client_secret_grant_working_for_a_principal_with_a_federated_credential() throws IOException {
        FormBody form = new FormBody.Builder().add("grant_type", "client_credentials")
                .add("client_id", lab.clientId("suite-caller")).add("scope", COGNITIVE_SERVICES)
                .add("client_secret", lab.authority.clientSecret("suite-caller").reveal()).build();

        Answer answer = send(form);

        assertThat(answer.status).isEqualTo(200);
        assertThat(claim(answer.json.get("access_token").asText(), "appidacr")).isEqualTo("1");
    }

    @Test
    void should_take_the_issuers_url_as_well_as_the_labs_keyword_and_check_audiences_as_a_list() {
        // GIVEN suite-caller trusting GitHub by URL, for two audiences
        Principal byUrl = withCredentials(new FederatedCredential("by-url", GitHubIssuer.ISSUER, SUBJECT,
                List.of("api://other", AUDIENCE)));
        ClientAssertions assertions = new ClientAssertions(lab.github, lab.clock);

        // THEN
        assertThat(assertions.refusal(byUrl, lab.github.issue(AUDIENCE))).isEmpty();
        assertThat(assertions.refusal(byUrl, lab.github.issue("api://other"))).isEmpty();
        assertThat(assertions.refusal(byUrl, lab.github.issue("api://third"))).map(EntraError::code).contains(700212);
    }

    @Test
    void should_answer_aadsts90061_for_an_issuer_the_lab_cannot_reach() {
        // GIVEN a credential trusting an issuer that is not the lab's, and a token claiming to be from it
        Principal other = withCredentials(new FederatedCredential("aks", "https://oidc.prod-aks.example/tenant/",
                "system:serviceaccount:default:app", List.of(AUDIENCE)));
        String assertion = lab.github.sign(claims("https://oidc.prod-aks.example/tenant/",
                "system:serviceaccount:default:app", AUDIENCE));

        Optional<EntraError> refusal = new ClientAssertions(lab.github, lab.clock).refusal(other, assertion);

        assertThat(refusal).contains(new EntraError(400, "invalid_request", 90061,
                "AADSTS90061: Request to External OIDC endpoint failed."));
    }

    @Test
    void should_issue_for_a_federated_credential_of_a_lab_started_from_a_topology_with_its_own_issuer() {
        // GIVEN an authority built as the lab builds it: its registry and its GitHub-like issuer
        GeneratedSecrets secrets = new GeneratedSecrets();
        MutableClock clock = new MutableClock();
        GitHubIssuer github = new GitHubIssuer(clock, secrets, Duration.ofSeconds(2));
        EntraAuthority authority = new EntraAuthority(lab.topology, clock, secrets, github);

        // THEN the suite-caller's federated credential of the shipped topology trusts that issuer
        Principal caller = lab.topology.principal("suite-caller").orElseThrow();
        assertThat(caller.federatedIdentityCredentials()).singleElement().satisfies(credential -> {
            assertThat(credential.issuer()).isEqualTo(FederatedCredential.LAB_GITHUB);
            assertThat(credential.subject()).isEqualTo(SUBJECT);
            assertThat(credential.audiences()).containsExactly(AUDIENCE);
        });
        assertThat(new ClientAssertions(github, clock).refusal(caller, github.issue(AUDIENCE))).isEmpty();
        assertThat(secrets.all()).contains(github.requestToken());
        assertThat(authority.clientSecret("suite-caller")).isNotNull();
    }

    private static Principal withCredentials(FederatedCredential credential) {
        Principal caller = lab.topology.principal("suite-caller").orElseThrow();
        return new Principal(caller.name(), caller.type(), caller.clientId(), caller.objectId(), List.of(credential));
    }

    private static Map<String, Object> claims(String issuer, String subject, String audience) {
        Instant now = lab.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("iss", issuer);
        claims.put("nbf", now.minusSeconds(600).getEpochSecond());
        claims.put("exp", now.plusSeconds(300).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        return claims;
    }

    private static String signed(Map<String, Object> claims) {
        return lab.github.sign(claims);
    }

    private static String claim(String jwt, String name) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim(name);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String sts(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    private static void assertRefused(Answer answer, int status, String error, int code, String descriptionStart) {
        assertThat(answer.status).as("status").isEqualTo(status);
        assertThat(answer.json.get("error").asText()).isEqualTo(error);
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.json.get("error_description").asText()).startsWith(descriptionStart)
                .contains(" Trace ID: ");
        assertThat(answer.json.toString()).doesNotContain(lab.github.requestToken().reveal());
    }

    private static Answer post(String principal, String assertion, String scope) throws IOException {
        return send(new FormBody.Builder().add("grant_type", "client_credentials")
                .add("client_id", lab.clientId(principal)).add("scope", scope)
                .add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .add("client_assertion", assertion).build());
    }

    private static Answer send(FormBody form) throws IOException {
        Request request = new Request.Builder().url(lab.pinnedAuthorityHost() + "/" + lab.tenantId()
                + TokenEndpoint.PATH).post(form).build();
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), LabJson.MAPPER.readTree(response.body().string()));
        }
    }

    private record Answer(int status, JsonNode json) {
        int code() {
            return json.path("error_codes").path(0).asInt();
        }
    }
}
