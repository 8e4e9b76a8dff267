package io.aoailab.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientAssertionCredential;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.LiveCredentials;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.entra.GitHubIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default caller of a GitHub workflow, signed in as the live target signs it in: azure-identity's real
 * {@code ClientAssertionCredential} with a GitHub token per Entra request, against a lab whose GitHub tokens live 3 s,
 * so one credential outlives its first token within the test.
 */
class GitHubWorkflowCallerTest {
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3);
    private static final List<String> AUDIENCES = List.of("https://cognitiveservices.azure.com",
            "https://storage.azure.com", "https://search.azure.com", "https://ai.azure.com");
    private static Lab lab;
    private static HttpClientFactory http;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabOptions.defaults().withGitHubTokenLifetime(TOKEN_LIFETIME));
        http = new HttpClientFactory(Duration.ofSeconds(20), NetworkPosture.jdkDefaults()
                .with(List.of(lab.caCertificate()), lab.pinnedHosts())
                .withDefaultPortOverrides(lab.defaultPortOverrides()).direct());
    }

    @AfterAll
    static void stop() {
        http.close();
        lab.close();
    }

    @Test
    void should_get_a_token_for_every_audience_the_suite_needs_with_a_new_github_token_after_the_first_expired()
            throws Exception {
        // GIVEN the default caller of a GitHub job: the suite-caller's ids, GitHub's variables, no secret
        TokenCredential caller = new LiveCredentialSource(settings("suite-caller"), http).defaultCaller();
        assertThat(caller).isInstanceOf(ClientAssertionCredential.class);
        int before = lab.githubIssuer().issued().size();

        // WHEN it asks for the first audience, waits until the GitHub token it used has expired, and asks for the rest
        List<AccessToken> tokens = new ArrayList<>();
        tokens.add(token(caller, AUDIENCES.get(0)));
        GitHubIssuer.IssuedAssertion first = lab.githubIssuer().issued().get(before);
        waitUntilAfter(first.expiresAt());
        for (String audience : AUDIENCES.subList(1, AUDIENCES.size())) {
            tokens.add(token(caller, audience));
        }

        // THEN every audience got a token of suite-caller, authenticated by an assertion
        for (int i = 0; i < AUDIENCES.size(); i++) {
            JWTClaimsSet claims = SignedJWT.parse(tokens.get(i).getToken()).getJWTClaimsSet();
            assertThat(claims.getAudience()).as("aud").containsExactly(AUDIENCES.get(i));
            assertThat(claims.getStringClaim("appid")).isEqualTo(clientId("suite-caller"));
            assertThat(claims.getStringClaim("appidacr")).isEqualTo("2");
        }
        // and GitHub was asked again after its first token had expired, for Entra's audience each time
        List<GitHubIssuer.IssuedAssertion> issued = lab.githubIssuer().issued();
        List<GitHubIssuer.IssuedAssertion> ours = issued.subList(before, issued.size());
        assertThat(ours).hasSizeGreaterThanOrEqualTo(AUDIENCES.size());
        assertThat(ours).extracting(GitHubIssuer.IssuedAssertion::audience).containsOnly("api://AzureADTokenExchange");
        assertThat(ours.subList(1, ours.size())).extracting(GitHubIssuer.IssuedAssertion::issuedAt)
                .anySatisfy(at -> assertThat(at).isAfterOrEqualTo(first.expiresAt()));
    }

    @Test
    void should_fail_with_aadsts700024_when_a_github_token_is_handed_over_once_and_outlived() throws Exception {
        // GIVEN what az login --federated-token does: one GitHub token, kept
        String once = lab.githubOidcRequest(false).requestUrl().toString();
        String kept = GitHubOidcAssertion.from(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", once,
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", lab.githubOidcRequest(false).requestToken().reveal()), http)
                .orElseThrow().get();
        TokenCredential stale = new ClientAssertionCredentialBuilder().authorityHost(lab.authorityHostUri().toString())
                .tenantId(lab.topology().tenant().id()).clientId(clientId("suite-caller")).clientAssertion(() -> kept)
                .disableInstanceDiscovery().httpClient(http.azureHttpClient()).build();
        token(stale, AUDIENCES.get(0));
        waitUntilAfter(lab.githubIssuer().issued().get(lab.githubIssuer().issued().size() - 1).expiresAt());

        // WHEN it asks for another audience
        Throwable failure = catchThrowable(() -> token(stale, AUDIENCES.get(1)));

        // THEN Entra refuses the expired assertion
        assertThat(failure).isNotNull();
        assertThat(messages(failure)).contains("AADSTS700024: Client assertion is not within its valid time range.");
    }

    @Test
    void should_pass_on_entras_refusal_of_a_principal_without_a_federated_credential() {
        TokenCredential caller = new LiveCredentialSource(settings("no-role"), http).defaultCaller();

        Throwable failure = catchThrowable(() -> token(caller, AUDIENCES.get(0)));

        assertThat(messages(failure)).contains("AADSTS70025: The client 'no-role' has no configured federated identity"
                + " credentials.");
    }

    private static LiveCredentials settings(String principal) {
        Lab.GitHubOidcRequest github = lab.githubOidcRequest(false);
        Map<String, String> environment = new HashMap<>();
        environment.put("AZURE_TENANT_ID", lab.topology().tenant().id());
        environment.put("AZURE_CLIENT_ID", clientId(principal));
        environment.put("AZURE_AUTHORITY_HOST", lab.authorityHostUri().toString());
        environment.put("ACTIONS_ID_TOKEN_REQUEST_URL", github.requestUrl().toString());
        environment.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", github.requestToken().reveal());
        return new SuiteConfigResolver(ConfigSources.of(environment, Map.of(), Map.of())).resolve().credentials();
    }

    private static String clientId(String principal) {
        return lab.topology().principal(principal).orElseThrow().clientId();
    }

    private static AccessToken token(TokenCredential credential, String audience) {
        return credential.getTokenSync(new TokenRequestContext().addScopes(audience + "/.default"));
    }

    private static void waitUntilAfter(Instant instant) throws InterruptedException {
        while (!Instant.now().isAfter(instant.plusMillis(100))) {
            Thread.sleep(50);
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
