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
 */
public record LabOptions(Optional<Path> topologyFile, Clock clock, int firstPort) {

    public LabOptions {
        if (firstPort != 0 && (firstPort < 1024 || firstPort > 65000)) {
            throw new IllegalArgumentException("the first port must be 0 (any) or 1024-65000, not " + firstPort);
        }
    }

    public static LabOptions defaults() {
        return new LabOptions(Optional.empty(), Clock.systemUTC(), 0);
    }

    public LabOptions withTopology(Optional<Path> file) {
        return new LabOptions(file, clock, firstPort);
    }

    public LabOptions withClock(Clock newClock) {
        return new LabOptions(topologyFile, newClock, firstPort);
    }

    public LabOptions withFirstPort(int port) {
        return new LabOptions(topologyFile, clock, port);
    }
}
