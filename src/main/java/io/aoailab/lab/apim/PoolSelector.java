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
 * <p>Weights are relative among the members of the group that can take the request. A weight-0 member gets nothing
 * while one with a positive weight is there; when every such member weighs 0, they count as equal. ARM accepts weight 0
 * but Microsoft does not say what it does (§1.2, UNCONFIRMED): this is "in proportion to its weight" where a
 * proportion exists, and an even spread where none does.
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
     * @return the backend to forward to, or empty when every member is tripped
     */
    synchronized Optional<String> pick(Instant now, BiPredicate<String, Instant> available) {
        TreeMap<Integer, List<PoolMember>> groups = pool.members().stream()
                .collect(Collectors.groupingBy(PoolMember::priorityOrDefault, TreeMap::new, Collectors.toList()));
        for (List<PoolMember> group : groups.values()) {
            List<PoolMember> healthy = group.stream().filter(m -> available.test(m.backend(), now)).toList();
            if (!healthy.isEmpty()) {
                List<Candidate> candidates = Candidate.of(healthy);
                return Optional.of(pool.selectionOrDefault().equals("weighted-round-robin")
                        ? smoothRoundRobin(candidates) : weightedRandom(candidates));
            }
        }
        return Optional.empty();
    }

    /** A member that can take the request, with the weight it is chosen by. */
    private record Candidate(String backend, int weight) {

        static List<Candidate> of(List<PoolMember> healthy) {
            boolean weighted = healthy.stream().anyMatch(m -> m.weightOrDefault() > 0);
            return healthy.stream().filter(m -> !weighted || m.weightOrDefault() > 0)
                    .map(m -> new Candidate(m.backend(), weighted ? m.weightOrDefault() : 1)).toList();
        }
    }

    private String weightedRandom(List<Candidate> candidates) {
        int total = candidates.stream().mapToInt(Candidate::weight).sum();
        int draw = random.nextInt(total);
        for (Candidate candidate : candidates) {
            draw -= candidate.weight();
            if (draw < 0) {
                return candidate.backend();
            }
        }
        throw new IllegalStateException("unreachable: draw below the total weight");
    }

    // each pick raises every candidate by its weight, takes the highest and lowers it by the total
    private String smoothRoundRobin(List<Candidate> candidates) {
        int total = 0;
        Candidate best = null;
        for (Candidate candidate : candidates) {
            int current = currentWeights.merge(candidate.backend(), candidate.weight(), Integer::sum);
            total += candidate.weight();
            if (best == null || current > currentWeights.get(best.backend())) {
                best = candidate;
            }
        }
        currentWeights.merge(best.backend(), -total, Integer::sum);
        return best.backend();
    }
}
