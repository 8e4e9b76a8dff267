package io.aoailab.lab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultControlTest {
    private final MutableClock clock = new MutableClock();
    private final FaultControl faults = new FaultControl(clock);

    @Test
    void should_apply_a_counted_fault_to_exactly_that_many_requests() {
        faults.inject("aoai-eus", new Fault.ServerError(503), FaultBudget.times(2));

        assertThat(faults.next("aoai-eus")).contains(new Fault.ServerError(503));
        assertThat(faults.next("aoai-eus")).contains(new Fault.ServerError(503));
        assertThat(faults.next("aoai-eus")).isEmpty();
    }

    @Test
    void should_apply_a_timed_fault_until_it_expires_on_the_clock() {
        faults.inject("aoai-eus", new Fault.Throttle(Duration.ofSeconds(1)), FaultBudget.forDuration(Duration.ofSeconds(10)));

        assertThat(faults.next("aoai-eus")).isPresent();
        clock.advance(Duration.ofSeconds(9));
        assertThat(faults.next("aoai-eus")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(faults.next("aoai-eus")).isEmpty();
    }

    @Test
    void should_keep_faults_to_their_account_and_in_order() {
        faults.inject("aoai-eus", new Fault.DropConnection(), FaultBudget.times(1));
        faults.inject("aoai-eus", new Fault.ServerError(500), FaultBudget.times(1));

        assertThat(faults.next("aoai-eus2")).isEmpty();
        assertThat(faults.next("aoai-eus")).contains(new Fault.DropConnection());
        assertThat(faults.next("aoai-eus")).contains(new Fault.ServerError(500));
    }

    @Test
    void should_clear_everything_on_reset() {
        faults.inject("aoai-eus", new Fault.ServerError(500), FaultBudget.forDuration(Duration.ofHours(1)));

        faults.reset();

        assertThat(faults.next("aoai-eus")).isEmpty();
    }

    @Test
    void should_refuse_meaningless_faults() {
        assertThatThrownBy(() -> new Fault.ServerError(404)).hasMessageContaining("5xx");
        assertThatThrownBy(() -> FaultBudget.times(0)).hasMessageContaining("at least one request");
    }
}
