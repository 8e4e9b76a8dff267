package io.aoailab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A load balancer's choices without a network, for the statistics' simulations: which member answers the next
 * request. Microsoft does not say how APIM applies weights (docs/apim-gateway.md §1.2), so there are both kinds the
 * lab's {@code PoolSelector} offers, plus several unsynchronised gateway instances, as APIM runs them.
 */
@FunctionalInterface
public interface SimulatedPool {

    /** The member that answers the next request. */
    String next();

    /** Independent draws, member i with probability weight i over the total. */
    static SimulatedPool weightedRandom(Map<String, Integer> weights, SplittableRandom random) {
        List<String> members = List.copyOf(weights.keySet());
        int[] cumulative = new int[members.size()];
        int total = 0;
        for (int i = 0; i < members.size(); i++) {
            total += weights.get(members.get(i));
            cumulative[i] = total;
        }
        int bound = total;
        return () -> {
            int draw = random.nextInt(bound);
            int i = 0;
            while (draw >= cumulative[i]) {
                i++;
            }
            return members.get(i);
        };
    }

    /**
     * nginx's smooth weighted round-robin, as the lab's {@code PoolSelector} runs it: each pick raises every member by
     * its weight, takes the highest and lowers it by the total. Deterministic; {@code phase} picks are made first, so
     * a measurement can start anywhere in the cycle.
     */
    static SimulatedPool smoothRoundRobin(Map<String, Integer> weights, int phase) {
        List<String> members = List.copyOf(weights.keySet());
        int[] weight = members.stream().mapToInt(weights::get).toArray();
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int[] current = new int[weight.length];
        SimulatedPool pool = () -> {
            int best = 0;
            for (int i = 0; i < weight.length; i++) {
                current[i] += weight[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            return members.get(best);
        };
        for (int i = 0; i < phase; i++) {
            pool.next();
        }
        return pool;
    }

    /** Smooth weighted round-robin, started at a random point of its cycle. */
    static SimulatedPool smoothRoundRobin(Map<String, Integer> weights, SplittableRandom random) {
        return smoothRoundRobin(weights, random.nextInt(weights.values().stream().mapToInt(Integer::intValue).sum()));
    }

    /**
     * Several gateway instances, each round-robining on its own from a random point of its cycle, with each request
     * landing on one of them at random: APIM's balancing is approximate because its instances do not synchronise.
     */
    static SimulatedPool unsynchronisedGateways(int gateways, Map<String, Integer> weights, SplittableRandom random) {
        List<SimulatedPool> instances = new ArrayList<>();
        for (int i = 0; i < gateways; i++) {
            instances.add(smoothRoundRobin(weights, random));
        }
        return () -> instances.get(random.nextInt(gateways)).next();
    }
}
