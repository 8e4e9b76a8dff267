package io.aoailab.report;

import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.SuiteConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes the report's "Environment" panel: what this run tested (target, endpoints, api-version, the intended
 * pool weights), so a report read weeks later says what it was about. No secret is written.
 */
public final class AllureEnvironment {
    static final String RESULTS_DIRECTORY_PROPERTY = "allure.results.directory";
    static final String FILE_NAME = "environment.properties";

    private AllureEnvironment() {
    }

    public static void write(Redactor redactor, SuiteConfig config, DeploymentEndpoints endpoints) {
        resultsDirectory().ifPresent(directory -> write(redactor, directory, config, endpoints));
    }

    /** Adds properties learnt later in the run (e.g. the tokens it consumed), keeping those already written. */
    public static void add(Redactor redactor, Map<String, String> more) {
        resultsDirectory().ifPresent(directory -> add(redactor, directory, more));
    }

    // run outside Maven (an IDE): no report to feed
    private static Optional<Path> resultsDirectory() {
        return Optional.ofNullable(System.getProperty(RESULTS_DIRECTORY_PROPERTY)).map(Path::of);
    }

    static void add(Redactor redactor, Path resultsDirectory, Map<String, String> more) {
        Properties properties = new Properties();
        Path file = resultsDirectory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the report environment " + file, e);
            }
        }
        more.forEach((name, value) -> properties.setProperty(name, redactor.redact(value)));
        store(resultsDirectory, properties);
    }

    static void write(Redactor redactor, Path resultsDirectory, SuiteConfig config, DeploymentEndpoints endpoints) {
        Properties properties = new Properties();
        properties.setProperty("target", config.target().configName());
        properties.setProperty("deployment", config.modelDeployment());
        properties.setProperty("api-version", config.apiVersion());
        for (int i = 0; i < endpoints.openai().size(); i++) {
            properties.setProperty("openai.endpoint." + (i + 1), endpoints.openai().get(i).toString());
        }
        put(redactor, properties, "apim.gateway", endpoints.apimGateway());
        put(redactor, properties, "foundry.project", endpoints.foundryProject());
        put(redactor, properties, "storage.blob", endpoints.storageBlob());
        put(redactor, properties, "search", endpoints.aiSearch());
        properties.setProperty("intended.pool.weights", config.intended().regions().stream()
                .map(r -> r.displayName() + "=" + r.poolWeight()).collect(Collectors.joining(", ")));
        store(resultsDirectory, properties);
    }

    private static void store(Path resultsDirectory, Properties properties) {
        try {
            Files.createDirectories(resultsDirectory);
            try (Writer out = Files.newBufferedWriter(resultsDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
                properties.store(out, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report environment to " + resultsDirectory, e);
        }
    }

    private static void put(Redactor redactor, Properties properties, String name, Optional<URI> value) {
        value.ifPresent(v -> properties.setProperty(name, redactor.redact(v.toString())));
    }
}
