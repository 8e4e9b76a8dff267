package io.aoailab.lab.apim.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory counter store and cache the gateway shares across requests. */
class InMemoryStoresTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final MutableClock clock = new MutableClock();
    private final InMemoryCounterStore counters = new InMemoryCounterStore(clock);
    private final InMemoryValueCache cache = new InMemoryValueCache(clock);

    @Test
    void should_admit_within_the_limit_and_say_when_room_frees_up_when_the_window_is_full() {
        // GIVEN 60 of 100 at t=0 and 40 at t=20 s
        assertThat(counters.tryAdd("k", 60, 100, MINUTE).admitted()).isTrue();
        clock.advance(Duration.ofSeconds(20));
        CounterStore.Admission second = counters.tryAdd("k", 40, 100, MINUTE);

        // WHEN 50 more are asked for at t=30 s
        clock.advance(Duration.ofSeconds(10));
        CounterStore.Admission refused = counters.tryAdd("k", 50, 100, MINUTE);

        // THEN the 60 from t=0 must leave first, 30 s from now
        assertThat(second.remaining()).isZero();
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(counters.remaining("k", 100, MINUTE)).isZero();

        // AND after it left, the window has room again
        clock.advance(Duration.ofSeconds(30));
        assertThat(counters.remaining("k", 100, MINUTE)).isEqualTo(60);
    }

    @Test
    void should_check_without_counting_when_check_is_used() {
        counters.add("k", 5, MINUTE);
        assertThat(counters.check("k", 5, 10, MINUTE)).isEqualTo(new CounterStore.Admission(true, 5, Duration.ZERO));
        assertThat(counters.check("k", 6, 10, MINUTE).admitted()).isFalse();
        assertThat(counters.remaining("k", 10, MINUTE)).isEqualTo(5);
    }

    @Test
    void should_wait_a_whole_window_when_the_amount_exceeds_the_limit() {
        assertThat(counters.tryAdd("k", 11, 10, MINUTE)).isEqualTo(new CounterStore.Admission(false, 10, MINUTE));
    }

    @Test
    void should_keep_keys_apart_and_forget_all_when_cleared() {
        counters.add("a", 10, MINUTE);
        assertThat(counters.remaining("b", 10, MINUTE)).isEqualTo(10);
        counters.clear();
        assertThat(counters.remaining("a", 10, MINUTE)).isEqualTo(10);
    }

    @Test
    void should_expire_values_when_their_time_to_live_passes() {
        cache.store("k", "v", Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(9));
        assertThat(cache.lookup("k")).contains("v");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.lookup("k")).isEmpty();
        cache.store("k2", 1, MINUTE);
        cache.remove("k2");
        assertThat(cache.lookup("k2")).isEmpty();
        cache.store("k3", 1, MINUTE);
        cache.clear();
        assertThat(cache.lookup("k3")).isEmpty();
    }
}
