package io.aoailab.lab;

import java.nio.file.Path;
import java.time.Clock;
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
 */
public record LabOptions(Optional<Path> topologyFile, Clock clock, int firstPort, boolean loopbackTargets) {

    public LabOptions {
        if (firstPort != 0 && (firstPort < 1024 || firstPort > 65000)) {
            throw new IllegalArgumentException("the first port must be 0 (any) or 1024-65000, not " + firstPort);
        }
    }

    public static LabOptions defaults() {
        return new LabOptions(Optional.empty(), Clock.systemUTC(), 0, false);
    }

    public LabOptions withTopology(Optional<Path> file) {
        return new LabOptions(file, clock, firstPort, loopbackTargets);
    }

    public LabOptions withClock(Clock newClock) {
        return new LabOptions(topologyFile, newClock, firstPort, loopbackTargets);
    }

    public LabOptions withFirstPort(int port) {
        return new LabOptions(topologyFile, clock, port, loopbackTargets);
    }

    /** The options of a standalone lab: everything it hands out is reachable on loopback. */
    public LabOptions standalone() {
        return new LabOptions(topologyFile, clock, firstPort, true);
    }
}
