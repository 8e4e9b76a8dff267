package io.aoailab.junit;

import io.aoailab.config.SuiteConfig;
import io.aoailab.target.ConnectedTarget;
import io.aoailab.target.LiveTarget;
import io.aoailab.target.lab.LabTarget;

/** Connects the configured target: live Azure as configured, or the embedded lab, started on loopback. */
@FunctionalInterface
interface TargetConnector {

    ConnectedTarget connect(SuiteConfig config);

    static TargetConnector standard() {
        return config -> switch (config.target()) {
            case LIVE -> new LiveTarget(config);
            case LAB -> LabTarget.start(config);
        };
    }
}
