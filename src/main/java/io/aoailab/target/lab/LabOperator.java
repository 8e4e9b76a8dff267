package io.aoailab.target.lab;

import io.aoailab.config.IntendedDeployment;
import io.aoailab.lab.Lab;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.lab.http.RecordedRequest;
import io.aoailab.report.OperatorSteps;
import io.aoailab.target.Operator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The operator on the lab: an intended region is the lab account behind the endpoint the configuration expects that
 * region at ({@code EXPECTED_REGION_n} is served by {@code OPENAI_ENDPOINT_n}, which on the lab is its n-th account).
 * The lab's own idea of where an account is plays no part: throttling "East US" throttles the account the suite was
 * told serves East US, so a lab whose accounts drift from the intent still fails the suite.
 */
final class LabOperator implements Operator {
    private final Lab lab;
    private final List<String> intendedRegions;

    LabOperator(Lab lab, IntendedDeployment intended) {
        this.lab = lab;
        this.intendedRegions = intended.regionNames();
    }

    @Override
    public void throttle(String region, Duration retryAfter, Budget budget) {
        act(region, new Fault.Throttle(retryAfter), budget, "throttle " + region + " " + budget + " (429, Retry-After "
                + retryAfter.toMillis() + " ms)");
    }

    @Override
    public void fail(String region, int status, Budget budget) {
        act(region, new Fault.ServerError(status), budget, "fail " + region + " " + budget + " (" + status + ")");
    }

    @Override
    public void slow(String region, Duration delay, Budget budget) {
        act(region, new Fault.Latency(delay), budget, "slow " + region + " down by " + delay.toMillis() + " ms "
                + budget);
    }

    @Override
    public void drop(String region, Budget budget) {
        act(region, new Fault.DropConnection(), budget, "drop the connections to " + region + " " + budget);
    }

    @Override
    public List<Instant> arrivals(String region) {
        return responsesRequests(region).stream().map(RecordedRequest::at).toList();
    }

    @Override
    public Set<String> headerNamesOfLatest(String region) {
        List<RecordedRequest> requests = responsesRequests(region);
        return requests.isEmpty() ? Set.of() : requests.get(requests.size() - 1).headerNames();
    }

    private List<RecordedRequest> responsesRequests(String region) {
        String host = lab.accounts().stream().filter(a -> a.spec().name().equals(account(region))).findFirst()
                .orElseThrow().spec().hostName();
        return lab.requestsTo(host).stream().filter(r -> r.path().startsWith("/openai/")).toList();
    }

    /**
     * Removes every fault the operator injected. What they caused stays, as in Azure: a gateway breaker they tripped
     * stays open for its trip, which the extension waits out before the next test (PoolRecovery).
     */
    void reset() {
        lab.faults().reset();
    }

    private void act(String region, Fault fault, Budget budget, String description) {
        OperatorSteps.record(description, () -> lab.faults().inject(account(region), fault,
                budget.requests() > 0 ? FaultBudget.times(budget.requests()) : FaultBudget.forDuration(budget.duration())));
    }

    private String account(String region) {
        int index = intendedRegions.indexOf(region);
        if (index < 0) {
            throw new IllegalArgumentException("'" + region + "' is not an intended region; the operator acts on "
                    + String.join(", ", intendedRegions) + " (EXPECTED_REGION_n)");
        }
        List<Lab.LabAccount> accounts = lab.accounts();
        if (index >= accounts.size()) {
            throw new IllegalStateException("the lab serves " + accounts.size() + " Azure OpenAI endpoints, so there is"
                    + " no endpoint " + (index + 1) + " for " + region);
        }
        return accounts.get(index).spec().name();
    }
}
