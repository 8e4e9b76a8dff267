package io.aoailab.junit;

import io.aoailab.access.AccessPath;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.Way;
import io.aoailab.config.Client;
import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.IntendedDeployment;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.Target;
import io.aoailab.target.CredentialSource;
import java.util.List;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * The deployment a test runs against, as injected by {@link DeploymentTest}: where it answers, how to reach it,
 * and what the suite expects of it.
 *
 * @param config the resolved configuration, including the intended deployment the assertions use
 * @param endpoints where the deployment answers (from configuration for live, from the lab for the lab)
 * @param http the HTTP clients that reach it
 * @param credentials the identities that call it
 * @param accessPaths the run's access paths, as {@link EveryAccessPath} offers them
 * @param pathSettings how the run builds access paths (HTTP client, api-version, redactor, intent), for paths a test
 *        builds itself, e.g. as a persona
 */
public record DeploymentUnderTest(SuiteConfig config, DeploymentEndpoints endpoints, HttpClientFactory http,
        CredentialSource credentials, List<AccessPath> accessPaths, AccessPath.Settings pathSettings) {

    public DeploymentUnderTest {
        accessPaths = List.copyOf(accessPaths);
    }

    /** The region's own endpoint, called with {@code client}: how a test asks a region directly. */
    public Optional<AccessPath> direct(String region, Client client) {
        return accessPaths.stream().filter(p -> p.way() == Way.DIRECT && p.client() == client
                && p.expectedRegion().filter(region::equals).isPresent()).findFirst();
    }

    public Target target() {
        return config.target();
    }

    public IntendedDeployment intended() {
        return config.intended();
    }

    /**
     * The value of an optional part of the deployment, or the test is skipped: a live deployment without, say,
     * a Foundry project makes the Foundry cases not applicable rather than failed.
     *
     * @param key the configuration key that would provide it, named in the skip reason
     */
    public static <T> T require(Optional<T> part, String key) {
        return part.orElseThrow(() -> new TestAbortedException(
                key + " is not set, so this case does not apply to this deployment; set it to run the case"));
    }
}
