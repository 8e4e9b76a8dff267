package io.aoailab.junit;

import io.aoailab.access.AccessPath;
import io.aoailab.access.AccessPath.ExpectedEndpoint;
import io.aoailab.access.FoundryConnections;
import io.aoailab.config.SuiteConfig;
import io.aoailab.report.Redactor;
import io.aoailab.target.ConnectedTarget;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's access paths, built once per run: one {@code direct(<region>)} per configured Azure OpenAI endpoint,
 * named after the region the configuration <em>expects</em> there, {@code apim} when the deployment has a gateway,
 * and one {@code foundry(<connection>)} per Azure OpenAI connection of the Foundry project: those
 * {@code EXPECTED_FOUNDRY_CONNECTIONS} names, or else every one the project lists (asked once, when the first
 * scenario needs the paths). Each path's client goes through the run's HTTP clients, credentials and redactor.
 */
final class AccessPaths {
    private final List<AccessPath> paths;

    AccessPaths(SuiteConfig config, ConnectedTarget target, Redactor redactor) {
        AccessPath.Settings settings = new AccessPath.Settings(target.http().azureHttpClient(), config.apiVersion(),
                Clock.systemUTC(), redactor, config.intended());
        List<AccessPath> built = new ArrayList<>();
        List<URI> endpoints = target.endpoints().openai();
        List<String> regions = config.intended().regionNames();
        List<ExpectedEndpoint> expected = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String region = i < regions.size() ? regions.get(i) : "endpoint " + (i + 1);
            expected.add(new ExpectedEndpoint("OPENAI_ENDPOINT_" + (i + 1), endpoints.get(i), region));
            built.add(AccessPath.direct(region, endpoints.get(i), target.credentials().defaultCaller(), settings));
        }
        target.endpoints().apimGateway().ifPresent(gateway -> built.add(AccessPath.apim(gateway,
                target.endpoints().apimSubscriptionKey().orElseThrow(), settings)));
        target.endpoints().foundryProject().ifPresent(project -> built.addAll(foundry(project,
                config.intended().foundryConnections(), expected, target, settings)));
        this.paths = List.copyOf(built);
    }

    private static List<AccessPath> foundry(URI project, Map<String, String> intended, List<ExpectedEndpoint> expected,
            ConnectedTarget target, AccessPath.Settings settings) {
        if (!intended.isEmpty()) {
            return intended.entrySet().stream().map(c -> AccessPath.foundry(project, c.getKey(),
                    Optional.of(c.getValue()), expected, target.credentials().defaultCaller(), settings)).toList();
        }
        try {
            return FoundryConnections.azureOpenAi(project, target.credentials().defaultCaller(), settings).stream()
                    .map(name -> AccessPath.foundry(project, name, Optional.empty(), expected,
                            target.credentials().defaultCaller(), settings)).toList();
        } catch (AssertionError unlisted) {
            // the project is part of the deployment: every case through it fails with the reason
            return List.of(AccessPath.unusable("foundry", "through Foundry", () -> unlisted, settings));
        }
    }

    List<AccessPath> all() {
        return paths;
    }
}
