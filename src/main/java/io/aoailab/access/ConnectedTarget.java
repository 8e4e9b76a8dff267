package io.aoailab.access;

import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.Target;

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

    @Override
    void close();
}
