package io.aoailab.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The places a key is looked up in, in their fixed order: environment variable, Java system property of the same
 * name, {@code .env} in the working directory. A blank value counts as unset, so an {@code .env} copied from
 * {@code env.sample} with empty lines falls through to the defaults.
 *
 * <p>The sources are plain maps so that the resolution can be unit-tested without touching the process.
 */
public final class ConfigSources {
    static final String DOTENV_FILE = ".env";

    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;
    private final Map<String, String> dotenv;
    private final String dotenvOrigin;

    ConfigSources(Map<String, String> environment, Map<String, String> systemProperties, Map<String, String> dotenv,
            String dotenvOrigin) {
        this.environment = Map.copyOf(environment);
        this.systemProperties = Map.copyOf(systemProperties);
        this.dotenv = Map.copyOf(dotenv);
        this.dotenvOrigin = dotenvOrigin;
    }

    /** The sources of this process: its environment, its system properties and {@code workingDir/.env}. */
    public static ConfigSources ofProcess(Path workingDir) {
        return new ConfigSources(System.getenv(), asMap(System.getProperties()), readDotenv(workingDir),
                workingDir.resolve(DOTENV_FILE).toString());
    }

    /** Sources given as maps, in precedence order: for tests, and for tools that configure the suite in code. */
    public static ConfigSources of(Map<String, String> environment, Map<String, String> systemProperties,
            Map<String, String> dotenv) {
        return new ConfigSources(environment, systemProperties, dotenv, DOTENV_FILE);
    }

    Optional<ConfigValue> lookup(String key) {
        return firstSet(key, environment, "environment variable")
                .or(() -> firstSet(key, systemProperties, "system property"))
                .or(() -> firstSet(key, dotenv, dotenvOrigin));
    }

    private static Optional<ConfigValue> firstSet(String key, Map<String, String> source, String origin) {
        String value = source.get(key);
        return value == null || value.isBlank() ? Optional.empty()
                : Optional.of(new ConfigValue(key, value.trim(), origin));
    }

    private static Map<String, String> readDotenv(Path workingDir) {
        Path file = workingDir.resolve(DOTENV_FILE);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, String> entries = new LinkedHashMap<>();
            Dotenv dotenv = Dotenv.configure().directory(workingDir.toString()).filename(DOTENV_FILE).load();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                entries.put(entry.getKey(), entry.getValue());
            }
            return entries;
        } catch (DotenvException e) {
            // dotenv-java quotes the offending line, which may hold a secret: name the file only
            throw new ConfigurationException(file + " cannot be read as a .env file. Fix: write one KEY=value per"
                    + " line as in env.sample, or remove the file.");
        }
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }
}
