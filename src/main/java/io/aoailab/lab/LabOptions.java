package io.aoailab.lab;

import io.aoailab.lab.entra.GitHubIssuer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How to start a lab.
 *
 * @param topologyFile the topology to emulate; empty for the shipped default
 * @param clock the one clock of the lab (token lifetimes, rate-limit windows, timed faults, retention)
 * @param firstPort 0 for ports the OS picks; otherwise the authority listens here and each account on the next
 * @param loopbackTargets whether the Foundry project's connections name their targets by loopback URL
 *        ({@code https://127.0.0.1:<port>/}) rather than Azure's portless host names: for a standalone lab, whose
 *        clients cannot resolve the lab's host names
 * @param githubTokenLifetime how long a token of the lab's GitHub-like OIDC issuer is valid after it is issued:
 *        GitHub's 5 minutes by default; a test makes it seconds to see a long run outlive its first token
 */
public record LabOptions(Optional<Path> topologyFile, Clock clock, int firstPort, boolean loopbackTargets,
        Duration githubTokenLifetime) {

    public LabOptions {
        if (firstPort != 0 && (firstPort < 1024 || firstPort > 65000)) {
            throw new IllegalArgumentException("the first port must be 0 (any) or 1024-65000, not " + firstPort);
        }
        if (githubTokenLifetime.isNegative() || githubTokenLifetime.isZero()) {
            throw new IllegalArgumentException("the GitHub token lifetime must be positive, not " + githubTokenLifetime);
        }
    }

    public static LabOptions defaults() {
        return new LabOptions(Optional.empty(), Clock.systemUTC(), 0, false, GitHubIssuer.DEFAULT_LIFETIME);
    }

    public LabOptions withTopology(Optional<Path> file) {
        return new LabOptions(file, clock, firstPort, loopbackTargets, githubTokenLifetime);
    }

    public LabOptions withClock(Clock newClock) {
        return new LabOptions(topologyFile, newClock, firstPort, loopbackTargets, githubTokenLifetime);
    }

    public LabOptions withFirstPort(int port) {
        return new LabOptions(topologyFile, clock, port, loopbackTargets, githubTokenLifetime);
    }

    public LabOptions withGitHubTokenLifetime(Duration lifetime) {
        return new LabOptions(topologyFile, clock, firstPort, loopbackTargets, lifetime);
    }

    /** The options of a standalone lab: everything it hands out is reachable on loopback. */
    public LabOptions standalone() {
        return new LabOptions(topologyFile, clock, firstPort, true, githubTokenLifetime);
    }
}
