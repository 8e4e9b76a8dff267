package io.aoailab.scenarios;

/** The scenario suites, for the project's own tests that run them against lab variants (the scenarios' classes stay package-private). */
public final class ScenarioSuites {
    public static final Class<?> RESPONSES = ResponsesApiIT.class;
    public static final Class<?> LOAD_BALANCING = LoadBalancingIT.class;
    public static final Class<?> RBAC = RbacIT.class;

    private ScenarioSuites() {
    }
}
