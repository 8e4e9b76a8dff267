package io.aoailab.junit;

import io.aoailab.access.AccessPath.ExpectedEndpoint;
import io.aoailab.access.AccessPath;
import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.config.SuiteConfig;
import io.aoailab.target.ConnectedTarget;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's access paths, built once per run: one {@code direct(<region>)} per configured Azure OpenAI endpoint,
 * named after the region the configuration <em>expects</em> there, {@code apim} when the deployment has a
 * gateway, and {@code foundry} when it has a Foundry project. Each path's client goes through the run's HTTP clients and credentials.
 */
final class AccessPaths {
    private final List<AccessPath> paths;

    AccessPaths(SuiteConfig config, ConnectedTarget target) {
        List<AccessPath> built = new ArrayList<>();
        List<URI> endpoints = target.endpoints().openai();
        List<IntendedRegion> regions = config.intended().regions();
        List<ExpectedEndpoint> expected = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String region = i < regions.size() ? regions.get(i).displayName() : "endpoint " + (i + 1);
            expected.add(new ExpectedEndpoint("OPENAI_ENDPOINT_" + (i + 1), endpoints.get(i), region));
            built.add(AccessPath.direct(region, endpoints.get(i), target.credentials().defaultCaller(), target.http(),
                    config.apiVersion(), Clock.systemUTC()));
        }
        target.endpoints().apimGateway().ifPresent(gateway -> built.add(AccessPath.apim(gateway,
                target.endpoints().apimSubscriptionKey().orElseThrow(), target.http(), config.apiVersion(),
                Clock.systemUTC())));
        target.endpoints().foundryProject().ifPresent(project -> built.add(AccessPath.foundry(project,
                target.endpoints().foundryOpenAiConnection(), expected, target.credentials().defaultCaller(),
                target.http(), config.apiVersion(), Clock.systemUTC())));
        this.paths = List.copyOf(built);
    }

    List<AccessPath> all() {
        return paths;
    }
}
