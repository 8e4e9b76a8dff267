package io.aoailab.lab.apim;

import io.aoailab.lab.topology.ApimSpec.Pool;
import io.aoailab.lab.topology.ApimSpec.PoolMember;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Picks a pool member for one forward (docs/apim-gateway.md §1.2): the highest-priority group (lowest number) that has a
 * member whose circuit is closed; within it, by weight. Lower groups are used only when every member above is
 * tripped, as Microsoft documents: without breakers a pool never falls through.
 *
 * <p>Microsoft does not state how weights are applied (§1.2, UNCONFIRMED), so the topology chooses:
 * {@code weighted-random} (the default: independent draws, so a 50/50 pool varies like a fair coin and a
 * distribution test sees real variance) or {@code weighted-round-robin} (smooth weighted round-robin as nginx
 * does it: deterministic, exact proportions over every cycle).
 */
final class PoolSelector {
    private final Pool pool;
    private final Random random;
    private final Map<String, Integer> currentWeights = new HashMap<>();

    PoolSelector(Pool pool) {
        this.pool = pool;
        this.random = pool.seed() == null ? new Random() : new Random(pool.seed());
    }

    /**
     * @param available whether a backend's circuit is closed at that moment
     * @return the backend to forward to, or empty when every member with a weight is tripped
     */
    synchronized Optional<String> pick(Instant now, BiPredicate<String, Instant> available) {
        TreeMap<Integer, List<PoolMember>> groups = pool.members().stream()
                .filter(m -> m.weightOrDefault() > 0)
                .collect(Collectors.groupingBy(PoolMember::priorityOrDefault, TreeMap::new, Collectors.toList()));
        for (List<PoolMember> group : groups.values()) {
            List<PoolMember> healthy = group.stream().filter(m -> available.test(m.backend(), now)).toList();
            if (!healthy.isEmpty()) {
                return Optional.of(pool.selectionOrDefault().equals("weighted-round-robin")
                        ? smoothRoundRobin(healthy) : weightedRandom(healthy));
            }
        }
        return Optional.empty();
    }

    private String weightedRandom(List<PoolMember> members) {
        int total = members.stream().mapToInt(PoolMember::weightOrDefault).sum();
        int draw = random.nextInt(total);
        for (PoolMember member : members) {
            draw -= member.weightOrDefault();
            if (draw < 0) {
                return member.backend();
            }
        }
        throw new IllegalStateException("unreachable: draw below the total weight");
    }

    // each pick raises every member by its weight, takes the highest and lowers it by the total
    private String smoothRoundRobin(List<PoolMember> members) {
        int total = 0;
        PoolMember best = null;
        for (PoolMember member : members) {
            int current = currentWeights.merge(member.backend(), member.weightOrDefault(), Integer::sum);
            total += member.weightOrDefault();
            if (best == null || current > currentWeights.get(best.backend())) {
                best = member;
            }
        }
        currentWeights.merge(best.backend(), -total, Integer::sum);
        return best.backend();
    }
}
