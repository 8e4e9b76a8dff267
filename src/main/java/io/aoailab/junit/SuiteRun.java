package io.aoailab.junit;

import io.aoailab.access.ConnectedTarget;
import io.aoailab.config.ConfigSources;
import io.aoailab.config.ConfigurationException;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.SuiteConfigResolver;
import io.aoailab.report.AllureEnvironment;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One run of the suite: its configuration, resolved once, and its target, connected on first use. Kept in the
 * root store, which closes it (and so the lab and the HTTP clients) when the run ends.
 */
final class SuiteRun implements AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteRun.class);

    private final SuiteConfig config;
    private final TargetConnector connector;
    private ConnectedTarget target;
    private AccessPaths accessPaths;

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

    @Override
    public synchronized void close() {
        if (target != null) {
            target.close();
        }
    }
}
