package io.aoailab.lab.openai;

import io.aoailab.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.lab.http.LabJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T08:00:00Z"));

    @Test
    void should_evict_the_oldest_response_when_the_store_is_full() {
        // GIVEN
        ResponseStore store = new ResponseStore(clock, 2);
        store.put(stored("resp_1"));
        store.put(stored("resp_2"));

        // WHEN
        store.put(stored("resp_3"));

        // THEN
        assertThat(store.get("resp_1")).isEmpty();
        assertThat(store.get("resp_2")).isPresent();
        assertThat(store.get("resp_3")).isPresent();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void should_keep_a_response_for_30_days_and_not_a_moment_longer() {
        // GIVEN
        ResponseStore store = new ResponseStore(clock, 10);
        store.put(stored("resp_old"));

        // WHEN / THEN docs/azure-facts.md §1.1: "retained for 30 days"
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(store.get("resp_old")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.get("resp_old")).isEmpty();
    }

    @Test
    void should_forget_a_response_when_it_is_removed() {
        // GIVEN
        ResponseStore store = new ResponseStore(clock, 10);
        store.put(stored("resp_1"));

        // WHEN
        boolean removed = store.remove("resp_1");

        // THEN
        assertThat(removed).isTrue();
        assertThat(store.get("resp_1")).isEmpty();
        assertThat(store.remove("resp_1")).isFalse();
    }

    @Test
    void should_refuse_a_capacity_below_one() {
        assertThatThrownBy(() -> new ResponseStore(clock, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 0");
    }

    private StoredResponse stored(String id) {
        return new StoredResponse(id, clock.instant(), LabJson.object().put("id", id), List.of(), List.of(), 1);
    }
}
