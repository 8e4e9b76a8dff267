package io.aoailab.scenarios;

import io.aoailab.junit.DeploymentTest;
import io.aoailab.junit.NotBuiltYet;
import io.aoailab.junit.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DeploymentTest
@Tag(Scenario.LOAD_BALANCING)
class LoadBalancingIT {

    @Test
    @NotBuiltYet("the APIM pool spreads traffic as the intended weights say, and fails over when a region throttles or fails")
    void scenario() {
        throw new AssertionError("a placeholder must never run");
    }
}
