package io.aoailab.junit;

import java.util.List;

/**
 * The scenario tags. Each scenario suite carries exactly one, e.g. {@code @Tag(Scenario.RBAC)}, and
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

    private Scenario() {
    }
}
