package io.aoailab.junit;

import java.util.List;
import java.util.Map;

/**
 * The scenario tags. Each scenario suite carries exactly one, through its scenario annotation
 * ({@link ResponsesScenario}, {@link LoadBalancingScenario}, {@link RbacScenario}), and
 * {@code mvn verify -Dgroups=rbac} runs that scenario alone.
 */
public final class Scenario {
    /** The Responses API directly, via APIM and via Foundry. */
    public static final String RESPONSES = "responses";
    /** The APIM pool's load distribution and failover. */
    public static final String LOAD_BALANCING = "load-balancing";
    /** Identities missing a role are denied with each service's own code. */
    public static final String RBAC = "rbac";

    /** Every scenario tag, in the order the run summary lists them. */
    public static final List<String> ALL = List.of(RESPONSES, LOAD_BALANCING, RBAC);

    private static final Map<String, String> TITLES = Map.of(
            RESPONSES, "Responses API: directly, through APIM and through Foundry",
            LOAD_BALANCING, "Load balancing: the APIM pool spreads traffic as intended and fails over",
            RBAC, "RBAC: least privilege, proven by allowed and denied calls");

    /** The scenario as the report titles it. */
    public static String title(String tag) {
        return TITLES.getOrDefault(tag, tag);
    }

    private Scenario() {
    }
}
