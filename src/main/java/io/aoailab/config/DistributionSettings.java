package io.aoailab.config;

import java.time.Duration;

/**
 * How the load-balancing scenario measures the pool: the error rates and tolerance of its sequential test, how many
 * requests it may send and how many at once, and how long it waits for the pool to recover after a fault.
 *
 * @param alpha the highest acceptable rate of failing a pool that spreads as intended (false alarm)
 * @param beta the highest acceptable rate of passing a pool whose share of some region is off by {@code delta} (miss)
 * @param delta the smallest deviation of a region's share that must be caught, as a share (0.20: 50% seen as 70%)
 * @param maxRequests the most requests one measurement sends before it gives up undecided
 * @param concurrency how many of them are in flight at once
 * @param recoveryTimeout how long, after a test that acted as an operator, the suite waits for every intended region
 *        to answer through the pool again (tripped circuit breakers stay open for their trip duration)
 */
public record DistributionSettings(double alpha, double beta, double delta, int maxRequests, int concurrency,
        Duration recoveryTimeout) {
}
