package io.aoailab.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.Events;

/** Every deployment of the catalog is caught by the test that should catch it, with a message naming the cause. */
class BrokenDeploymentsTest {

    static java.util.List<BrokenDeployment> catalog() {
        return BrokenDeployments.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void is_caught(BrokenDeployment broken, @TempDir Path directory) {
        Events events = broken.run(directory);

        assertThat(broken.caughtBy(events)).as("a failure of '%s' saying '%s'; what failed: %s", broken.failingTest(),
                broken.message(), BrokenDeployment.failures(events)).isPresent();
        assertThat(broken.narrow(events)).as("'%s' still passing; what failed: %s", broken.stillPasses(),
                BrokenDeployment.failures(events)).isTrue();
    }
}
