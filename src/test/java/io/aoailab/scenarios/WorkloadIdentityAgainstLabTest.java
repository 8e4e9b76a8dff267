package io.aoailab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.aoailab.config.ConfigSources;
import io.aoailab.junit.DeploymentTest;
import io.aoailab.junit.DeploymentUnderTest;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.entra.GitHubIssuer;
import io.aoailab.target.lab.StandaloneLab;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The nightly GitHub run's sign-in, against a standalone lab: the suite's live code path, configured as the nightly
 * workflow is (the tenant and client id, no client secret) and given GitHub's {@code ACTIONS_ID_TOKEN_REQUEST_URL}
 * and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN} for the lab's GitHub-like issuer, signs in with azure-identity's
 * {@code ClientAssertionCredential} and a GitHub token asked for on every Entra request. The lab's GitHub tokens
 * live 3 s here, not 5 minutes, so the run outlives its first token, as a nightly run outlives GitHub's: the
 * responses scenario still passes, and a token asked for after the first GitHub token expired is still issued (a
 * second lifetime of margin, because a token's times are whole seconds).
 *
 * <p>Hermetic as {@link LiveCodePathAgainstStandaloneLabTest}: the standalone lab's lab.env and github-oidc.env are
 * given as JUnit configuration parameters, which in the {@code parameters} mode stand in for GitHub's variables of
 * the inherited environment too ({@code ConfigSources.only}); nothing of this test's own environment is read.
 */
class WorkloadIdentityAgainstLabTest {
    private static final Duration GITHUB_TOKEN_LIFETIME = Duration.ofSeconds(3);
    /** The running lab, for {@link LaterCaller}, which runs inside this test's engine run only. */
    private static volatile Lab lab;

    @Test
    void should_pass_the_responses_scenario_signed_in_with_a_github_token_asked_for_on_every_use(@TempDir Path out)
            throws IOException {
        try (Lab started = Lab.start(LabOptions.defaults().standalone().withGitHubTokenLifetime(GITHUB_TOKEN_LIFETIME))) {
            lab = started;
            Map<String, String> parameters = githubJobParameters(started, out);
            assertThat(parameters).containsEntry(DeploymentTest.CONFIG_KEY_PREFIX + "AZURE_CLIENT_SECRET", "")
                    .containsKey(DeploymentTest.CONFIG_KEY_PREFIX + "ACTIONS_ID_TOKEN_REQUEST_URL");

            // WHEN the responses scenario runs, and a caller asks Entra again once the first GitHub token has expired
            Events tests = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters)
                    .selectors(selectClass(ResponsesApiIT.class), selectClass(LaterCaller.class)).execute()
                    .testEvents();

            // THEN nothing failed: every path with each client, as on the live code path with a client secret
            tests.assertStatistics(stats -> stats.failed(0));
            assertThat(tests.succeeded().count()).as("responses cases passed, and the later caller")
                    .isGreaterThanOrEqualTo(5 * (7 + 6) + 6 + 1);
            assertThat(tests.succeeded().filter(e -> e.getTestDescriptor().getUniqueId().toString()
                    .contains(LaterCaller.class.getSimpleName()))).as("the later caller's test").hasSize(1);
            // and GitHub's issuer gave out tokens for Entra after its first one had expired
            List<GitHubIssuer.IssuedAssertion> issued = started.githubIssuer().issued();
            assertThat(issued).as("GitHub tokens issued in the run").hasSizeGreaterThanOrEqualTo(2);
            assertThat(issued).extracting(GitHubIssuer.IssuedAssertion::audience)
                    .containsOnly("api://AzureADTokenExchange");
            Instant firstExpired = issued.get(0).expiresAt();
            assertThat(issued).extracting(GitHubIssuer.IssuedAssertion::issuedAt).as("a token issued once the first"
                    + " expired at %s", firstExpired).anySatisfy(at -> assertThat(at).isAfterOrEqualTo(firstExpired));
        } finally {
            lab = null;
        }
    }

    /**
     * lab.env as a GitHub job of the nightly would have it: the endpoints and the caller's ids, then github-oidc.env
     * over it, GitHub's two variables and no client secret.
     */
    private static Map<String, String> githubJobParameters(Lab lab, Path out) throws IOException {
        StandaloneLab.write(out, out.resolve("lab-ca.pem"), out.resolve("lab.env"), lab);
        Map<String, String> parameters = new HashMap<>();
        parameters.put(DeploymentTest.CONFIG_SOURCE_PROPERTY_NAME, DeploymentTest.CONFIG_SOURCE_PARAMETERS);
        for (String file : List.of("lab.env", "github-oidc.env")) {
            ConfigSources.dotenvFile(out.resolve(file))
                    .forEach((key, value) -> parameters.put(DeploymentTest.CONFIG_KEY_PREFIX + key, value));
        }
        return parameters;
    }

    /**
     * A caller of the run that asks Entra for a second audience only after the run's first GitHub token expired:
     * whatever order the engine runs the classes in, one token request of the run comes after that expiry.
     */
    @DeploymentTest
    static class LaterCaller {

        @Test
        void asks_entra_again_after_the_first_github_token_expired(DeploymentUnderTest deployment)
                throws InterruptedException {
            Lab running = lab;
            Assumptions.assumeTrue(running != null, "runs inside WorkloadIdentityAgainstLabTest only");
            TokenCredential caller = deployment.credentials().defaultCaller();
            caller.getTokenSync(new TokenRequestContext().addScopes("https://cognitiveservices.azure.com/.default"));
            Instant firstExpires = running.githubIssuer().issued().get(0).expiresAt();
            while (!Instant.now().isAfter(firstExpires.plusMillis(100))) {
                Thread.sleep(50);
            }

            AccessToken storage = caller.getTokenSync(
                    new TokenRequestContext().addScopes("https://storage.azure.com/.default"));

            assertThat(storage.getToken()).isNotBlank();
        }
    }
}
