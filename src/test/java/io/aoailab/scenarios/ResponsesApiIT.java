package io.aoailab.scenarios;

import io.aoailab.junit.DeploymentTest;
import io.aoailab.junit.Scenario;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DeploymentTest
@Tag(Scenario.RESPONSES)
class ResponsesApiIT {

    @Test
    @Disabled("Not built yet: this scenario covers the Responses API directly, via APIM and via Foundry (issue #6); the suite class exists so the tag runs and reports")
    void scenario_is_not_built_yet() {
        throw new AssertionError("a placeholder must never pass");
    }
}
