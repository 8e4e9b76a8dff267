package io.aoailab.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.lab.entra.GitHubIssuer;
import io.aoailab.lab.http.LabServer;
import io.aoailab.lab.secrets.GeneratedSecrets;
import io.aoailab.lab.tls.LabCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GitHub OIDC token request of the suite's caller, against the lab's GitHub-like issuer on loopback. */
class GitHubOidcAssertionTest {
    private static final LabCertificates CERTIFICATES = LabCertificates.generate(List.of(GitHubIssuer.HOST_NAME));
    private static ExecutorService executor;
    private static GitHubIssuer issuer;
    private static LabServer server;
    private static LabServer tokenless;
    private static HttpClientFactory http;

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(2);
        issuer = new GitHubIssuer(Clock.systemUTC(), new GeneratedSecrets(), GitHubIssuer.DEFAULT_LIFETIME);
        server = LabServer.start(GitHubIssuer.HOST_NAME, 0, CERTIFICATES.serverContext(), executor, issuer);
        tokenless = LabServer.start(GitHubIssuer.HOST_NAME, 0, CERTIFICATES.serverContext(), executor,
                exchange -> exchange.json(200, Map.of("count", 1)));
        http = new HttpClientFactory(Duration.ofSeconds(5), NetworkPosture.jdkDefaults().direct().with(
                List.of(CERTIFICATES.caCertificate()), Map.of(GitHubIssuer.HOST_NAME, InetAddress.getLoopbackAddress())));
    }

    @AfterAll
    static void stop() {
        server.close();
        tokenless.close();
        http.close();
        executor.shutdownNow();
    }

    @Test
    void should_be_absent_unless_both_of_githubs_variables_are_set() {
        assertThat(GitHubOidcAssertion.from(Map.of(), http)).isEmpty();
        assertThat(GitHubOidcAssertion.from(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", requestUrl()), http)).isEmpty();
        assertThat(GitHubOidcAssertion.from(Map.of("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "t"), http)).isEmpty();
        assertThat(GitHubOidcAssertion.from(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", " ",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "t"), http)).isEmpty();
    }

    @Test
    void should_add_entras_audience_to_the_query_string_the_url_already_has() {
        GitHubOidcAssertion assertion = assertion(issuer.requestToken().reveal());

        assertThat(assertion.url().toString()).startsWith(requestUrl() + "&audience=");
        assertThat(assertion.url().queryParameter("api-version")).isEqualTo("2.0");
        assertThat(assertion.url().queryParameter("audience")).isEqualTo("api://AzureADTokenExchange");
    }

    @Test
    void should_ask_github_for_a_new_token_for_entras_audience_on_every_call() {
        // GIVEN
        GitHubOidcAssertion assertion = assertion(issuer.requestToken().reveal());
        int before = issuer.issued().size();

        // WHEN
        String first = assertion.get();
        String second = assertion.get();

        // THEN two tokens GitHub issued, both for Entra's audience
        assertThat(first).isNotEqualTo(second);
        assertThat(issuer.issued()).hasSize(before + 2);
        assertThat(issuer.issued().subList(before, before + 2)).extracting(GitHubIssuer.IssuedAssertion::audience)
                .containsOnly("api://AzureADTokenExchange");
    }

    @Test
    void should_name_the_request_token_and_the_fix_when_github_refuses_it_and_never_print_it() {
        String wrongToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.not-the-request-token";

        assertThatThrownBy(() -> assertion(wrongToken).get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ACTIONS_ID_TOKEN_REQUEST_URL, host " + GitHubIssuer.HOST_NAME + ") answered 401")
                .hasMessageContaining("permissions: id-token: write").hasMessageContaining("ACTIONS_ID_TOKEN_REQUEST_TOKEN")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongToken, "not-the-request-token"));
    }

    @Test
    void should_name_the_url_and_the_timeout_when_github_cannot_be_reached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        GitHubOidcAssertion unreachable = GitHubOidcAssertion.from(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL",
                "https://127.0.0.1:" + closedPort + issuer.requestPath(), "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
                issuer.requestToken().reveal()), http).orElseThrow();

        assertThatThrownBy(unreachable::get).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ACTIONS_ID_TOKEN_REQUEST_URL, host 127.0.0.1) could not be reached within 5 s"
                        + " (HTTP_TIMEOUT_SECONDS)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(issuer.requestToken().reveal()));
    }

    @Test
    void should_say_so_when_the_answer_has_no_token() {
        GitHubOidcAssertion assertion = GitHubOidcAssertion.from(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", "https://"
                + GitHubIssuer.HOST_NAME + ":" + tokenless.port() + "/idtoken?api-version=2.0",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "t"), http).orElseThrow();

        assertThatThrownBy(assertion::get).hasMessageContaining("answered without a token (no \"value\"");
    }

    @Test
    void should_refuse_a_request_url_that_is_not_one_naming_the_variable() {
        assertThatThrownBy(() -> GitHubOidcAssertion.from(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", "pipelines/idtoken",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "t"), http)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL.");
    }

    private static String requestUrl() {
        return "https://" + GitHubIssuer.HOST_NAME + ":" + server.port() + issuer.requestPath();
    }

    private static GitHubOidcAssertion assertion(String requestToken) {
        return GitHubOidcAssertion.from(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", requestUrl(),
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", requestToken), http).orElseThrow();
    }
}
