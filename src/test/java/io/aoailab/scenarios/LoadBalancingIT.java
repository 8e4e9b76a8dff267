package io.aoailab.scenarios;

import io.aoailab.junit.LoadBalancingScenario;
import io.aoailab.junit.NotBuiltYet;
import org.junit.jupiter.api.Test;

@LoadBalancingScenario
class LoadBalancingIT {

    @Test
    @NotBuiltYet("the APIM pool spreads traffic as the intended weights say, and fails over when a region throttles or fails")
    void scenario() {
        throw new AssertionError("a placeholder must never run");
    }
}
