package io.aoailab.report;

import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.SuiteConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes the report's "Environment" panel: what this run tested (target, endpoints, api-version, the intended
 * pool weights), so a report read weeks later says what it was about. No secret is written.
 */
public final class AllureEnvironment {
    static final String RESULTS_DIRECTORY_PROPERTY = "allure.results.directory";

    private AllureEnvironment() {
    }

    public static void write(SuiteConfig config, DeploymentEndpoints endpoints) {
        String directory = System.getProperty(RESULTS_DIRECTORY_PROPERTY);
        if (directory == null) {
            return; // run outside Maven (an IDE): no report to feed
        }
        write(Path.of(directory), config, endpoints);
    }

    static void write(Path resultsDirectory, SuiteConfig config, DeploymentEndpoints endpoints) {
        Properties properties = new Properties();
        properties.setProperty("target", config.target().configName());
        properties.setProperty("deployment", config.modelDeployment());
        properties.setProperty("api-version", config.apiVersion());
        for (int i = 0; i < endpoints.openai().size(); i++) {
            properties.setProperty("openai.endpoint." + (i + 1), endpoints.openai().get(i).toString());
        }
        put(properties, "apim.gateway", endpoints.apimGateway());
        put(properties, "foundry.project", endpoints.foundryProject());
        put(properties, "storage.blob", endpoints.storageBlob());
        put(properties, "search", endpoints.aiSearch());
        properties.setProperty("intended.pool.weights", config.intended().regions().stream()
                .map(r -> r.displayName() + "=" + r.poolWeight()).collect(Collectors.joining(", ")));
        try {
            Files.createDirectories(resultsDirectory);
            try (Writer out = Files.newBufferedWriter(resultsDirectory.resolve("environment.properties"),
                    StandardCharsets.UTF_8)) {
                properties.store(out, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report environment to " + resultsDirectory, e);
        }
    }

    private static void put(Properties properties, String name, Optional<URI> value) {
        value.ifPresent(v -> properties.setProperty(name, Redactor.get().redact(v.toString())));
    }
}
