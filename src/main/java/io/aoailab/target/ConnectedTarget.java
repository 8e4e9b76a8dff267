package io.aoailab.target;

import io.aoailab.access.HttpClientFactory;
import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.Target;
import io.aoailab.lab.faults.FaultControl;
import java.util.Optional;

/**
 * A deployment the suite can reach: its endpoints, the HTTP clients that reach them and the identities that
 * call them. Everything the scenarios touch goes through here, the same way for live Azure and for the lab.
 * Closing it releases what connecting started (the lab, the HTTP clients).
 */
public interface ConnectedTarget extends AutoCloseable {

    Target target();

    DeploymentEndpoints endpoints();

    HttpClientFactory http();

    CredentialSource credentials();

    /** The operator's fault control, where the target offers one (the lab does; live Azure does not). */
    default Optional<FaultControl> faultControl() {
        return Optional.empty();
    }

    @Override
    void close();
}
