package io.aoailab.junit;

import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.access.Call;
import io.aoailab.access.Reply;
import io.aoailab.config.IntendedDeployment;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits, after a test that acted as an operator, until every intended region answers through the APIM pool again.
 * Undoing a fault does not close a circuit breaker it tripped: APIM keeps a tripped member out of the pool for its
 * trip duration, or for the Retry-After it accepted (docs/apim-gateway.md §1), so the next test would otherwise
 * measure a pool with a member missing. Bounded by {@code POOL_RECOVERY_SECONDS}; a region that does not come back
 * within it fails the test that left it so.
 */
final class PoolRecovery {
    /** The smallest output Azure accepts: recovery costs a handful of tokens per request. */
    private static final int PROBE_TOKENS = 16;
    private static final Duration POLL = Duration.ofMillis(100);

    private PoolRecovery() {
    }

    static void await(AccessPath pool, IntendedDeployment intended, String deployment, Duration timeout) {
        Set<String> pending = new LinkedHashSet<>();
        intended.regions().stream().filter(r -> r.poolWeight() > 0).forEach(r -> pending.add(r.displayName()));
        try {
            Awaitility.await("every intended region answering through the pool").atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(POLL).until(() -> {
                        answeringRegion(pool, deployment).ifPresent(pending::remove);
                        return pending.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(String.format("%nExpecting every intended region to answer %s again within %d s"
                    + " (POOL_RECOVERY_SECONDS) after the test's faults were undone,%nbut %s did not: its circuit"
                    + " breaker is still open, or it is down.", pool.description(), timeout.toSeconds(),
                    String.join(" and ", pending)));
        }
    }

    // a refused or misrouted call says nothing about recovery here: the tests themselves judge answers
    private static Optional<String> answeringRegion(AccessPath pool, String deployment) {
        try {
            Call<Reply> call = pool.call(api -> api.create(Ask.of(deployment, "Are you back?")
                    .maxOutputTokens(PROBE_TOKENS)));
            return call.succeeded() ? call.region() : Optional.empty();
        } catch (AssertionError misrouted) {
            return Optional.empty();
        }
    }
}
