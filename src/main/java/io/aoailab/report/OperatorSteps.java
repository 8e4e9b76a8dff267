package io.aoailab.report;

import io.qameta.allure.Allure;

/**
 * An operator's action as the report shows it: a step of its own ("operator: throttle East US for 3 requests"), so
 * a reader sees that a failover test's green answers came while a region was down on purpose.
 */
public final class OperatorSteps {
    private OperatorSteps() {
    }

    /** Performs the action, as a step of the running test when there is one. */
    public static void record(String description, Runnable action) {
        if (Allure.getLifecycle().getCurrentTestCase().isEmpty()) {
            action.run();
            return;
        }
        Allure.step("operator: " + description, action::run);
    }
}
