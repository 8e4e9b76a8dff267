package io.aoailab.junit;

import io.aoailab.access.AccessPath.ExpectedEndpoint;
import io.aoailab.access.AccessPath;
import io.aoailab.access.FoundryConnections;
import io.aoailab.access.Way;
import io.aoailab.config.Client;
import io.aoailab.config.SuiteConfig;
import io.aoailab.report.Redactor;
import io.aoailab.target.ConnectedTarget;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.opentest4j.TestAbortedException;

/**
 * The run's access paths, built once per run, each way in once per configured client ({@code OPENAI_CLIENTS}): one
 * {@code direct(<region>)} per configured Azure OpenAI endpoint, named after the region the configuration
 * <em>expects</em> there, {@code apim} when the deployment has a gateway, one {@code foundry(<connection>)} per Azure
 * OpenAI connection of the Foundry project (those {@code EXPECTED_FOUNDRY_CONNECTIONS} names, or else every one the
 * project lists), and the project's own surface ({@code project}, openai-java only). Each path's client goes through
 * the run's HTTP clients, credentials and redactor.
 *
 * <p>Building them calls nothing. When the deployment refuses the dated api-version (see {@link ApiVersionHealth}),
 * the first azure-ai-openai case fails with the reason and the rest are not run.
 */
final class AccessPaths {
    private final List<AccessPath> paths;
    private final AccessPath.Settings settings;

    AccessPaths(SuiteConfig config, ConnectedTarget target, Redactor redactor) {
        this.settings = new AccessPath.Settings(target.http().azureHttpClient(), config.apiVersion(),
                Clock.systemUTC(), redactor, config.intended());
        List<Function<Client, AccessPath>> waysIn = new ArrayList<>();
        List<URI> endpoints = target.endpoints().openai();
        List<String> regions = config.intended().regionNames();
        List<ExpectedEndpoint> expected = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String region = i < regions.size() ? regions.get(i) : "endpoint " + (i + 1);
            URI endpoint = endpoints.get(i);
            expected.add(new ExpectedEndpoint("OPENAI_ENDPOINT_" + (i + 1), endpoint, region));
            waysIn.add(client -> AccessPath.direct(region, endpoint, target.credentials().defaultCaller(), client,
                    settings));
        }
        target.endpoints().apimGateway().ifPresent(gateway -> waysIn.add(client -> AccessPath.apim(gateway,
                target.endpoints().apimSubscriptionKey().orElseThrow(), client, settings)));
        target.endpoints().foundryProject().ifPresent(project -> waysIn.addAll(foundry(project,
                config.intended().foundryConnections(), expected, target, settings)));

        List<AccessPath> built = new ArrayList<>();
        waysIn.forEach(way -> config.clients().forEach(client -> built.add(way.apply(client))));
        if (config.clients().contains(Client.OPENAI_JAVA)) {
            target.endpoints().foundryProject().ifPresent(project -> built.add(AccessPath.project(project,
                    target.credentials().defaultCaller(), config.intended().foundryRegion(), settings)));
        }
        this.paths = List.copyOf(withHealthyApiVersion(built, config));
    }

    private static List<Function<Client, AccessPath>> foundry(URI project, Map<String, String> intended,
            List<ExpectedEndpoint> expected, ConnectedTarget target, AccessPath.Settings settings) {
        if (!intended.isEmpty()) {
            return intended.entrySet().stream().<Function<Client, AccessPath>>map(c -> client -> AccessPath.foundry(
                    project, c.getKey(), Optional.of(c.getValue()), expected, target.credentials().defaultCaller(),
                    client, settings)).toList();
        }
        try {
            return FoundryConnections.azureOpenAi(project, target.credentials().defaultCaller(), settings).stream()
                    .<Function<Client, AccessPath>>map(name -> client -> AccessPath.foundry(project, name,
                            Optional.empty(), expected, target.credentials().defaultCaller(), client, settings))
                    .toList();
        } catch (AssertionError unlisted) {
            // the project is part of the deployment: every case through it fails with the reason
            return List.of(client -> AccessPath.unusable("foundry", "through Foundry", Way.FOUNDRY_CONNECTION, client,
                    () -> unlisted, settings));
        }
    }

    // the first azure-ai-openai path to an account probes, when a case first calls; if the version is refused, every
    // azure-ai-openai path gives that reason instead of calling
    private static List<AccessPath> withHealthyApiVersion(List<AccessPath> paths, SuiteConfig config) {
        Optional<AccessPath> probe = paths.stream().filter(p -> p.client() == Client.AZURE_AI_OPENAI
                && p.way() == Way.DIRECT).findFirst();
        if (probe.isEmpty()) {
            return paths;
        }
        ApiVersionHealth health = new ApiVersionHealth(probe.get(), config);
        return paths.stream().map(p -> p.client() == Client.AZURE_AI_OPENAI ? p.guardedBy(health::reasonNotToCall)
                : p).toList();
    }

    AccessPath.Settings settings() {
        return settings;
    }

    List<AccessPath> all() {
        return paths;
    }

    /** A way in the deployment does not have: every case through it is skipped, naming the key that would add it. */
    AccessPath absent(Way way, Client client) {
        String key = switch (way) {
            case DIRECT -> "OPENAI_ENDPOINT_1";
            case APIM -> "APIM_GATEWAY_URL";
            case FOUNDRY_CONNECTION, FOUNDRY_PROJECT -> "AI_FOUNDRY_PROJECT_ENDPOINT";
        };
        String sentence = switch (way) {
            case DIRECT -> "directly to an account";
            case APIM -> "through APIM";
            case FOUNDRY_CONNECTION -> "through a Foundry connection";
            case FOUNDRY_PROJECT -> "through the Foundry project";
        };
        return AccessPath.unusable(way.name().toLowerCase(Locale.ROOT), sentence, way, client,
                () -> new TestAbortedException(key + " is not set, so there is no way in " + sentence + " and this"
                        + " case does not apply; set it to run the case"), settings);
    }
}
