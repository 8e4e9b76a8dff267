package io.aoailab.lab.faults;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab's fault-injection control: what an operator would do to a real deployment (throttle a region, break
 * a backend, slow it down, cut its connections), for a number of requests or a while. The suite uses it through
 * the lab's control handle; a standalone lab exposes it over its admin API. {@link #reset()} between tests.
 *
 * <p>Removing a fault heals the account, nothing more: what the fault caused elsewhere stays, as it would in Azure.
 * A gateway breaker it tripped stays open for its trip duration (or the Retry-After it accepted), however the
 * backend answers meanwhile (docs/apim-gateway.md §1.3).
 *
 * <p>Faults are keyed by account name. Several faults on one account apply in the order injected; a fault is
 * consumed by each request it applies to.
 */
public final class FaultControl {
    private final Clock clock;
    private final Map<String, List<Active>> active = new ConcurrentHashMap<>();

    public FaultControl(Clock clock) {
        this.clock = clock;
    }

    public void inject(String account, Fault fault, FaultBudget budget) {
        FaultBudget resolved = budget instanceof FaultBudget.For f
                ? new FaultBudget.Until(clock.instant().plus(f.duration())) : budget;
        active.computeIfAbsent(account, a -> new ArrayList<>()).add(new Active(fault, resolved));
    }

    /** The fault the next request to {@code account} meets, if any; consumes one request of its budget. */
    public Optional<Fault> next(String account) {
        List<Active> faults = active.get(account);
        if (faults == null) {
            return Optional.empty();
        }
        synchronized (faults) {
            Instant now = clock.instant();
            faults.removeIf(a -> a.expired(now));
            if (faults.isEmpty()) {
                return Optional.empty();
            }
            Active first = faults.get(0);
            if (first.consume()) {
                faults.remove(0);
            }
            return Optional.of(first.fault);
        }
    }

    /** Removes every fault from every account. */
    public void reset() {
        active.clear();
    }

    /** Removes the faults of one account. */
    public void reset(String account) {
        active.remove(account);
    }

    private static final class Active {
        private final Fault fault;
        private final FaultBudget budget;
        private int remaining;

        Active(Fault fault, FaultBudget budget) {
            this.fault = fault;
            this.budget = budget;
            this.remaining = budget instanceof FaultBudget.Count c ? c.requests() : Integer.MAX_VALUE;
        }

        boolean expired(Instant now) {
            return budget instanceof FaultBudget.Until u && !now.isBefore(u.end());
        }

        /** @return whether the budget is used up after this request */
        boolean consume() {
            return budget instanceof FaultBudget.Count && --remaining == 0;
        }
    }
}
