package io.aoailab.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment the suite expects to find: what it asserts against. It comes from the suite's configuration
 * only, never from the lab's topology, so a lab whose actual deployment drifts from it makes the suite fail.
 *
 * @param model the model the deployment must serve, e.g. {@code gpt-4o}; responses may add the version
 *        ({@code gpt-4o-2024-08-06})
 * @param regions the expected region of each Azure OpenAI endpoint, in endpoint order, with its intended pool weight
 * @param foundryConnections the Foundry project's Azure OpenAI connections and the region each is meant to reach, in
 *        configuration order; empty when the configuration leaves them to the project (every one it has is used)
 * @param foundryRegion the region the Foundry project's own surface is meant to answer from; empty: any it names
 * @param pool what the APIM pool is meant to do beyond its weights
 */
public record IntendedDeployment(String model, List<IntendedRegion> regions, Map<String, String> foundryConnections,
        Optional<String> foundryRegion, PoolIntent pool) {

    public IntendedDeployment {
        regions = List.copyOf(regions);
        foundryConnections = Collections.unmodifiableMap(new LinkedHashMap<>(foundryConnections));
    }

    /** The intended regions' display names, in endpoint order. */
    public List<String> regionNames() {
        return regions.stream().map(IntendedRegion::displayName).toList();
    }

    /** Each intended region's pool weight, in endpoint order. */
    public Map<String, Integer> poolWeights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        regions.forEach(r -> weights.put(r.displayName(), r.poolWeight()));
        return Collections.unmodifiableMap(weights);
    }

    /** The sum of the intended weights; the expected share of a region is its weight over this. */
    public int totalWeight() {
        return regions.stream().mapToInt(IntendedRegion::poolWeight).sum();
    }

    /**
     * Whether a response's {@code model} is the intended model: the name itself, or the name with a version suffix,
     * as Azure answers with the deployed model version (docs/azure-facts.md §1.3).
     */
    public boolean servesModel(String answeredModel) {
        return answeredModel != null && (answeredModel.equals(model) || answeredModel.startsWith(model + "-")
                && answeredModel.substring(model.length() + 1).matches("\\d{4}-\\d{2}-\\d{2}"));
    }

    public Optional<IntendedRegion> region(String displayName) {
        return regions.stream().filter(r -> r.displayName().equals(displayName)).findFirst();
    }

    /**
     * @param displayName the region's display name as Azure sends it in {@code x-ms-region}, e.g. {@code East US 2}
     * @param poolWeight the region's intended weight in the APIM backend pool
     */
    public record IntendedRegion(String displayName, int poolWeight) {
        /** This region's intended share of the pool's traffic, between 0 and 1. */
        public double expectedShare(IntendedDeployment deployment) {
            return (double) poolWeight / deployment.totalWeight();
        }
    }
}
