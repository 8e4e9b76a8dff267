package io.aoailab.scenarios;

import io.aoailab.junit.DeploymentTest;
import io.aoailab.junit.Scenario;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DeploymentTest
@Tag(Scenario.LOAD_BALANCING)
class LoadBalancingIT {

    @Test
    @Disabled("Not built yet: this scenario covers the APIM pool's distribution and failover (its scenario issue); the suite class exists so the tag runs and reports")
    void scenario_is_not_built_yet() {
        throw new AssertionError("a placeholder must never pass");
    }
}
