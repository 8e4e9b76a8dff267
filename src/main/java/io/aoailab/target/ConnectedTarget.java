package io.aoailab.target;

import io.aoailab.access.HttpClientFactory;
import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.Target;
import java.util.List;
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

    /** The operator, where the target offers one (the lab does; live Azure does not). */
    default Optional<Operator> operator() {
        return Optional.empty();
    }

    /** Undoes what the operator did: called after each test, so no action outlives the test that took it. */
    default void undoOperatorActions() {
    }

    /** Secret values the target itself generated (a lab's keys and client secrets), for the run's redactor. */
    default List<String> generatedSecrets() {
        return List.of();
    }

    @Override
    void close();
}
