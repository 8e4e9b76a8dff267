package io.aoailab.report;

import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.SuiteConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the report's "Environment" panel: what this run tested, target first (target, the endpoints' hosts,
 * api-version, deployment, intended weights, suite version and commit), so a report read weeks later says what it was
 * about. As {@code environment.xml}, which keeps the order (Allure reads it beside {@code environment.properties},
 * whose order a {@code Properties} file loses). No secret is written: every value passes the run's redactor.
 */
public final class AllureEnvironment {
    static final String RESULTS_DIRECTORY_PROPERTY = "allure.results.directory";
    static final String FILE_NAME = "environment.xml";
    private static final Pattern PARAMETER = Pattern.compile(
            "<parameter><key>(.*?)</key><value>(.*?)</value></parameter>", Pattern.DOTALL);

    private AllureEnvironment() {
    }

    /**
     * @param version the suite's version
     * @param commit the commit the suite was built from, or "unknown"
     */
    public static void write(Redactor redactor, SuiteConfig config, DeploymentEndpoints endpoints, String version,
            String commit) {
        resultsDirectory().ifPresent(directory -> write(redactor, directory, entries(config, endpoints, version,
                commit)));
    }

    /** Adds entries learnt later in the run (e.g. the tokens it consumed), after those already written. */
    public static void add(Redactor redactor, Map<String, String> more) {
        resultsDirectory().ifPresent(directory -> add(redactor, directory, more));
    }

    // run outside Maven (an IDE): no report to feed
    private static Optional<Path> resultsDirectory() {
        return Optional.ofNullable(System.getProperty(RESULTS_DIRECTORY_PROPERTY)).map(Path::of);
    }

    static Map<String, String> entries(SuiteConfig config, DeploymentEndpoints endpoints, String version,
            String commit) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("target", config.target().configName());
        for (int i = 0; i < endpoints.openai().size(); i++) {
            entries.put("openai." + (i + 1), host(endpoints.openai().get(i)));
        }
        endpoints.apimGateway().ifPresent(u -> entries.put("apim", host(u)));
        endpoints.foundryProject().ifPresent(u -> entries.put("foundry", host(u)));
        endpoints.storageBlob().ifPresent(u -> entries.put("storage", host(u)));
        endpoints.aiSearch().ifPresent(u -> entries.put("search", host(u)));
        entries.put("api-version", config.apiVersion());
        entries.put("deployment", config.modelDeployment());
        entries.put("intended.pool.weights", config.intended().regions().stream()
                .map(r -> r.displayName() + "=" + r.poolWeight()).collect(Collectors.joining(", ")));
        entries.put("suite.version", version);
        entries.put("suite.commit", commit);
        return entries;
    }

    private static String host(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    static void add(Redactor redactor, Path resultsDirectory, Map<String, String> more) {
        Map<String, String> entries = read(resultsDirectory);
        entries.putAll(more);
        write(redactor, resultsDirectory, entries);
    }

    static Map<String, String> read(Path resultsDirectory) {
        Map<String, String> entries = new LinkedHashMap<>();
        Path file = resultsDirectory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                Matcher matcher = PARAMETER.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    entries.put(unescape(matcher.group(1)), unescape(matcher.group(2)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the report environment " + file, e);
            }
        }
        return entries;
    }

    static void write(Redactor redactor, Path resultsDirectory, Map<String, String> entries) {
        StringBuilder xml = new StringBuilder("<environment>\n");
        entries.forEach((key, value) -> xml.append("  <parameter><key>").append(Svg.text(key)).append("</key><value>")
                .append(Svg.text(redactor.redact(value))).append("</value></parameter>\n"));
        xml.append("</environment>\n");
        try {
            Files.createDirectories(resultsDirectory);
            Files.writeString(resultsDirectory.resolve(FILE_NAME), xml.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report environment to " + resultsDirectory, e);
        }
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
