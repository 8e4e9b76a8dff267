package io.aoailab.config;

import java.util.Map;

/**
 * The environment variables azure-identity's credential chain may read beyond the suite's own keys: a managed
 * identity's endpoint, a workload identity's token file, developer-tool settings. A user's run passes the process
 * environment; the project's own tests pass none. Never printed: it may hold secrets.
 */
public final class InheritedEnvironment {
    private final Map<String, String> variables;

    InheritedEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static InheritedEnvironment none() {
        return new InheritedEnvironment(Map.of());
    }

    public Map<String, String> variables() {
        return variables;
    }

    @Override
    public String toString() {
        return "InheritedEnvironment[" + variables.size() + " variables, not printed]";
    }
}
