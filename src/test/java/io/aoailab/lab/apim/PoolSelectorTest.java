package io.aoailab.lab.apim;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.lab.topology.ApimSpec.Pool;
import io.aoailab.lab.topology.ApimSpec.PoolMember;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolSelectorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static List<String> picks(PoolSelector selector, int n, Set<String> tripped) {
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            picks.add(selector.pick(NOW, (backend, now) -> !tripped.contains(backend)).orElse("none"));
        }
        return picks;
    }

    @Test
    void should_follow_the_weights_exactly_with_smooth_round_robin() {
        Pool pool = new Pool("p", "weighted-round-robin", null,
                List.of(new PoolMember("a", 3, 1), new PoolMember("b", 1, 1)));

        List<String> picks = picks(new PoolSelector(pool), 8, Set.of());

        assertThat(Collections.frequency(picks, "a")).isEqualTo(6);
        assertThat(picks.subList(0, 4)).containsExactlyInAnyOrder("a", "a", "a", "b");
    }

    @Test
    void should_draw_by_weight_at_random_and_repeat_with_a_seed() {
        Pool pool = new Pool("p", null, 42L, List.of(new PoolMember("a", 80, 1), new PoolMember("b", 20, 1)));

        List<String> first = picks(new PoolSelector(pool), 2000, Set.of());
        List<String> again = picks(new PoolSelector(pool), 2000, Set.of());

        assertThat(first).isEqualTo(again);
        // 80% of 2000 is 1600; sd = sqrt(2000*0.8*0.2) = 17.9, so ±90 is five sd
        assertThat(Collections.frequency(first, "a")).isBetween(1510, 1690);
    }

    @Test
    void should_skip_tripped_members_and_fall_to_a_lower_priority_only_when_all_above_are_tripped() {
        Pool pool = new Pool("p", "weighted-round-robin", null,
                List.of(new PoolMember("a", 50, 1), new PoolMember("b", 50, 1), new PoolMember("c", 1, 2)));
        PoolSelector selector = new PoolSelector(pool);

        assertThat(picks(selector, 4, Set.of())).doesNotContain("c");
        assertThat(picks(selector, 4, Set.of("a"))).containsOnly("b");
        assertThat(picks(selector, 2, Set.of("a", "b"))).containsOnly("c");
        assertThat(picks(selector, 1, Set.of("a", "b", "c"))).containsOnly("none");
    }

    @Test
    void should_give_a_weight_zero_member_nothing_while_a_weighted_member_of_its_group_can_take_the_request() {
        Pool pool = new Pool("p", null, 7L, List.of(new PoolMember("a", 0, 1), new PoolMember("b", 10, 1),
                new PoolMember("c", 5, 2)));
        PoolSelector selector = new PoolSelector(pool);

        assertThat(picks(selector, 200, Set.of())).containsOnly("b");
        // with b tripped, a is the group's only member left: it serves before the lower priority does
        assertThat(picks(selector, 20, Set.of("b"))).containsOnly("a");
    }

    @Test
    void should_spread_evenly_over_a_group_whose_members_all_weigh_zero() {
        Pool pool = new Pool("p", "weighted-round-robin", null,
                List.of(new PoolMember("a", 0, 1), new PoolMember("b", 0, 1)));

        List<String> picks = picks(new PoolSelector(pool), 10, Set.of());

        assertThat(Collections.frequency(picks, "a")).isEqualTo(5);
        assertThat(Collections.frequency(picks, "b")).isEqualTo(5);
    }

    @Test
    void should_serve_priority_zero_before_priority_one() {
        Pool pool = new Pool("p", "weighted-round-robin", null,
                List.of(new PoolMember("a", 50, 1), new PoolMember("b", 50, 0)));

        assertThat(picks(new PoolSelector(pool), 4, Set.of())).containsOnly("b");
    }

    @Test
    void should_serve_a_group_of_one_weight_zero_member_before_a_lower_priority() {
        // priority is the hard switch (docs/apim-gateway.md §1.2); weight only shares within a group
        Pool pool = new Pool("p", null, 3L, List.of(new PoolMember("a", 0, 1), new PoolMember("b", 100, 2)));
        PoolSelector selector = new PoolSelector(pool);

        assertThat(picks(selector, 50, Set.of())).containsOnly("a");
        assertThat(picks(selector, 5, Set.of("a"))).containsOnly("b");
    }

    @Test
    void should_pick_only_members_and_answer_nothing_when_every_member_is_tripped() {
        // x is a healthy backend of the gateway, but no member of this pool: the pool never falls back on it
        Pool pool = new Pool("p", "weighted-round-robin", null,
                List.of(new PoolMember("a", 50, 1), new PoolMember("b", 50, 2)));
        PoolSelector selector = new PoolSelector(pool);
        Set<String> healthy = Set.of("x");

        assertThat(selector.pick(NOW, (backend, now) -> healthy.contains(backend))).isEmpty();
        assertThat(picks(selector, 10, Set.of("b"))).containsOnly("a");
    }

    @Test
    void should_give_a_weight_zero_member_nothing_over_many_random_draws() {
        Pool pool = new Pool("p", "weighted-random", 11L, List.of(new PoolMember("a", 0, 1), new PoolMember("b", 1, 1),
                new PoolMember("c", 1, 1)));

        List<String> picks = picks(new PoolSelector(pool), 2000, Set.of());

        assertThat(picks).doesNotContain("a").contains("b", "c");
    }
}
