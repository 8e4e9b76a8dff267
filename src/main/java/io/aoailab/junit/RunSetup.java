package io.aoailab.junit;

import io.aoailab.config.ConfigSources;
import io.aoailab.config.ConfigurationException;
import io.aoailab.config.SuiteConfigResolver;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The run's configuration as it resolved: a {@link SuiteRun}, or the one error that stops it. Kept in the root
 * store, which closes it when the engine is done.
 *
 * <p>A configuration error reaches the user once: the first test to need the run is broken with the error's own
 * one-line message (no stack trace, not wrapped), and every later one is not run, skipped with the same line. The
 * run itself fails, since a run that validated nothing is never green.
 */
final class RunSetup implements AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunSetup.class);

    private final SuiteRun run;
    private final ConfigurationException error;
    private final Optional<RunRecord.Writer> record;
    private final AtomicBoolean errorReported = new AtomicBoolean();

    private RunSetup(SuiteRun run, ConfigurationException error, Optional<RunRecord.Writer> record) {
        this.run = run;
        this.error = error;
        this.record = record;
    }

    static RunSetup of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunSetup.class,
                key -> create(sources(context), TargetConnector.standard(), RunRecord.Writer.of(context)),
                RunSetup.class);
    }

    static RunSetup create(ConfigSources sources, TargetConnector connector, Optional<RunRecord.Writer> record) {
        try {
            return new RunSetup(new SuiteRun(new SuiteConfigResolver(sources).resolve(), connector), null, record);
        } catch (ConfigurationException e) {
            return new RunSetup(null, e, record);
        }
    }

    /** Where this run's configuration comes from, as {@link DeploymentTest#CONFIG_SOURCE_PROPERTY_NAME} says. */
    static ConfigSources sources(ExtensionContext context) {
        String source = context.getConfigurationParameter(DeploymentTest.CONFIG_SOURCE_PROPERTY_NAME)
                .orElse(DeploymentTest.CONFIG_SOURCE_ENVIRONMENT);
        return switch (source) {
            case DeploymentTest.CONFIG_SOURCE_ENVIRONMENT -> ConfigSources.ofProcess(Path.of("").toAbsolutePath());
            case DeploymentTest.CONFIG_SOURCE_PARAMETERS -> ConfigSources.only("configuration parameter",
                    key -> context.getConfigurationParameter(DeploymentTest.CONFIG_KEY_PREFIX + key));
            default -> throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(
                    DeploymentTest.CONFIG_SOURCE_PROPERTY_NAME + "='" + source + "' is not a configuration source."
                            + " Fix: use " + DeploymentTest.CONFIG_SOURCE_ENVIRONMENT + " (the default) or "
                            + DeploymentTest.CONFIG_SOURCE_PARAMETERS + ".");
        };
    }

    /** The run, when the configuration resolved: for conditions, which must not throw. */
    Optional<SuiteRun> ifConfigured() {
        return Optional.ofNullable(run);
    }

    /**
     * The run; or, with a bad configuration, the error for the first caller and a skip for every later one.
     *
     * @throws ConfigurationException the first time, when the configuration is bad
     * @throws TestAbortedException every later time
     */
    SuiteRun require() {
        if (run != null) {
            return run;
        }
        if (errorReported.compareAndSet(false, true)) {
            throw error.withoutStackTrace();
        }
        throw new TestAbortedException("Not run, the configuration is invalid: " + error.getMessage());
    }

    @Override
    public void close() {
        try {
            record.ifPresent(writer -> writer.write(run == null
                    ? RunRecord.misconfigured(error.getMessage()) : run.record()));
            if (run != null) {
                record.ifPresent(writer -> writer.writeFingerprints(run.redactor().fingerprints()));
            }
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }
}
