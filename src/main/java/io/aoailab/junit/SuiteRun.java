package io.aoailab.junit;

import io.aoailab.access.ConnectedTarget;
import io.aoailab.access.UsageSummary;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.ConfigurationException;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.report.AllureEnvironment;
import io.aoailab.report.TokenUsageReport;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One run of the suite: its configuration, resolved once, its target, connected on first use, and the tokens its
 * tests consumed. Kept in the root store, which closes it (and so the lab and the HTTP clients) when the run ends;
 * closing reports the run's token usage on stdout and in the report's environment.
 */
final class SuiteRun implements AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteRun.class);

    private final SuiteConfig config;
    private final TargetConnector connector;
    private ConnectedTarget target;
    private AccessPaths accessPaths;
    private UsageSummary usage = UsageSummary.NONE;

    SuiteRun(SuiteConfig config, TargetConnector connector) {
        this.config = config;
        this.connector = connector;
    }

    static SuiteRun of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SuiteRun.class, key -> start(ConfigSources.ofProcess(Path.of("").toAbsolutePath()),
                        TargetConnector.standard()), SuiteRun.class);
    }

    static SuiteRun start(ConfigSources sources, TargetConnector connector) {
        try {
            return new SuiteRun(new SuiteConfigResolver(sources).resolve(), connector);
        } catch (ConfigurationException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    SuiteConfig config() {
        return config;
    }

    synchronized ConnectedTarget target() {
        if (target == null) {
            target = connector.connect(config);
            AllureEnvironment.write(config, target.endpoints());
        }
        return target;
    }

    synchronized AccessPaths accessPaths() {
        if (accessPaths == null) {
            accessPaths = new AccessPaths(config, target());
        }
        return accessPaths;
    }

    /** The target if a test has connected it; nothing is started just to ask. */
    synchronized Optional<ConnectedTarget> connected() {
        return Optional.ofNullable(target);
    }

    /** Adds one test's calls to the run's. */
    synchronized void count(UsageSummary test) {
        usage = usage.plus(test);
    }

    @Override
    public synchronized void close() {
        try {
            reportTokenUsage();
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    private void reportTokenUsage() {
        if (usage.calls() == 0) {
            return;
        }
        System.out.println(TokenUsageReport.runSummary(TokenAccounting.line("run", usage)));
        AllureEnvironment.add(Map.of("tokens.input", Long.toString(usage.tokens().input()),
                "tokens.output", Long.toString(usage.tokens().output()),
                "tokens.total", Long.toString(usage.tokens().total())));
    }
}
