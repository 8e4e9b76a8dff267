package io.aoailab.junit;

import io.aoailab.access.CallLedger;
import io.aoailab.access.CallRecord;
import io.aoailab.access.UsageSummary;
import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.SuiteConfig;
import io.aoailab.report.AllureEnvironment;
import io.aoailab.report.Redactor;
import io.aoailab.target.ConnectedTarget;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One run of the suite with a valid configuration: the configuration, its target, connected on first use, and what
 * its tests did (the regions that answered each access path, the tokens consumed). Closed by {@link RunSetup},
 * which the root store closes when the run ends; closing releases the target (the lab, the HTTP clients).
 */
final class SuiteRun implements AutoCloseable {
    private final SuiteConfig config;
    private final TargetConnector connector;
    private final Redactor redactor = new Redactor();
    private ConnectedTarget target;
    private AccessPaths accessPaths;
    private UsageSummary usage = UsageSummary.NONE;
    private final Map<String, Map<String, Long>> regionsByPath = new LinkedHashMap<>();

    SuiteRun(SuiteConfig config, TargetConnector connector) {
        this.config = config;
        this.connector = connector;
        config.secrets().forEach(redactor::registerSecret);
    }

    /** The run of this engine execution, or the configuration error that stops it (see {@link RunSetup#require()}). */
    static SuiteRun of(ExtensionContext context) {
        return RunSetup.of(context).require();
    }

    SuiteConfig config() {
        return config;
    }

    synchronized ConnectedTarget target() {
        if (target == null) {
            target = connector.connect(config);
            target.generatedSecrets().forEach(redactor::registerSecret);
            AllureEnvironment.write(redactor, config, target.endpoints(), SuiteBuild.version(), SuiteBuild.commit());
        }
        return target;
    }

    synchronized AccessPaths accessPaths() {
        if (accessPaths == null) {
            accessPaths = new AccessPaths(config, target(), redactor);
        }
        return accessPaths;
    }

    /** The run's redactor: it knows the configuration's secrets and those the target generated. */
    Redactor redactor() {
        return redactor;
    }

    /** The target if a test has connected it; nothing is started just to ask. */
    synchronized Optional<ConnectedTarget> connected() {
        return Optional.ofNullable(target);
    }

    /** Adds one test's calls to the run's: their usage and the region that answered each. */
    synchronized void count(CallLedger ledger) {
        usage = usage.plus(ledger.total());
        for (CallRecord call : ledger.calls()) {
            regionsByPath.computeIfAbsent(call.path(), p -> new LinkedHashMap<>())
                    .merge(call.region().orElse(RunRecord.NO_REGION), 1L, Long::sum);
        }
    }

    /** What the run did, for its summary. */
    synchronized RunRecord record() {
        List<String> hosts = new ArrayList<>();
        connected().map(ConnectedTarget::endpoints).ifPresent(e -> hostsOf(e).forEach(hosts::add));
        return new RunRecord(config.target().configName(), null, hosts, regionsByPath, usage.calls(),
                usage.tokens().input(), usage.tokens().output(), usage.tokens().total(), cost());
    }

    private String cost() {
        return usage.calls() == 0 ? "" : config.price().describe(usage.tokens().input(), usage.tokens().output());
    }

    private static Stream<String> hostsOf(DeploymentEndpoints endpoints) {
        return Stream.of(endpoints.openai().stream(), endpoints.apimGateway().stream(),
                endpoints.foundryProject().stream(), endpoints.storageBlob().stream(), endpoints.aiSearch().stream())
                .flatMap(s -> s).map(URI::getAuthority).distinct();
    }

    @Override
    public synchronized void close() {
        try {
            if (usage.calls() > 0) {
                // the run-level view the report has: tokens, their estimated cost, and the regions per access path
                Map<String, String> run = new LinkedHashMap<>();
                run.put("tokens", String.format(Locale.ROOT, "%,d calls, %,d input + %,d output = %,d tokens",
                        usage.calls(), usage.tokens().input(), usage.tokens().output(), usage.tokens().total()));
                run.put("tokens.cost", cost());
                regionsByPath.forEach((path, regions) -> run.put("regions · " + path, regions.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))));
                AllureEnvironment.add(redactor, run);
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }
}
