package io.aoailab.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The places a key is looked up in, in their fixed order. For a user's run ({@link #ofProcess}): environment
 * variable, Java system property of the same name, {@code .env} in the working directory. A blank value counts as
 * unset, so an {@code .env} copied from {@code env.sample} with empty lines falls through to the defaults.
 *
 * <p>Sources are injected, never read behind the caller's back: the project's own tests build them from maps or a
 * file of their choosing ({@link #of}, {@link #dotenvFile}), so no test depends on the environment it runs in.
 */
public final class ConfigSources {
    static final String DOTENV_FILE = ".env";

    /** One named place values come from; {@code values} answers null for a key it does not set. */
    private record Source(String origin, Function<String, String> values) {
    }

    private final List<Source> sources;
    private final Map<String, String> inheritedEnvironment;

    private ConfigSources(List<Source> sources, Map<String, String> inheritedEnvironment) {
        this.sources = List.copyOf(sources);
        this.inheritedEnvironment = Map.copyOf(inheritedEnvironment);
    }

    /**
     * The sources of a user's run: this process's environment, its system properties and {@code workingDir/.env}.
     * The one place the suite reads the process environment.
     */
    public static ConfigSources ofProcess(Path workingDir) {
        return of(System.getenv(), asMap(System.getProperties()), workingDir.resolve(DOTENV_FILE));
    }

    /** As a user's run reads them, with the environment and system properties given: the {@code .env} is a file. */
    static ConfigSources of(Map<String, String> environment, Map<String, String> systemProperties, Path dotenvFile) {
        Map<String, String> env = Map.copyOf(environment);
        Map<String, String> properties = Map.copyOf(systemProperties);
        Map<String, String> dotenv = readDotenv(dotenvFile);
        return new ConfigSources(List.of(new Source("environment variable", env::get),
                new Source("system property", properties::get), new Source(dotenvFile.toString(), dotenv::get)),
                env);
    }

    /** Sources given as maps, in precedence order: for tests, and for tools that configure the suite in code. */
    public static ConfigSources of(Map<String, String> environment, Map<String, String> systemProperties,
            Map<String, String> dotenv) {
        Map<String, String> env = Map.copyOf(environment);
        Map<String, String> properties = Map.copyOf(systemProperties);
        Map<String, String> file = Map.copyOf(dotenv);
        return new ConfigSources(List.of(new Source("environment variable", env::get),
                new Source("system property", properties::get), new Source(DOTENV_FILE, file::get)), env);
    }

    /**
     * One lookup function and nothing else (no environment, no {@code .env}), named {@code origin} in messages: how
     * the suite runs from JUnit configuration parameters alone. The lookup stands in for the environment too, for
     * the variables of {@link #INHERITABLE} only: what a test gives for them is the inherited environment, as a
     * GitHub runner's would be, and nothing else is inherited.
     */
    public static ConfigSources only(String origin, Function<String, Optional<String>> lookup) {
        Map<String, String> inherited = new LinkedHashMap<>();
        INHERITABLE.forEach(name -> lookup.apply(name).filter(v -> !v.isBlank()).ifPresent(v -> inherited.put(name, v)));
        return new ConfigSources(List.of(new Source(origin, key -> lookup.apply(key).orElse(null))), inherited);
    }

    /**
     * Variables a credential reads from the inherited environment that are not configuration keys, yet can be given
     * to a run configured by a lookup alone: GitHub's OIDC token request of a job with {@code id-token: write}, so the
     * project's tests can drive the GitHub sign-in against the lab without the process environment.
     */
    static final List<String> INHERITABLE = List.of("ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN");

    /** The entries of a {@code .env} file, as the suite reads it; none if there is no such file. */
    public static Map<String, String> dotenvFile(Path file) {
        return readDotenv(file);
    }

    Optional<ConfigValue> lookup(String key) {
        for (Source source : sources) {
            String value = source.values().apply(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(new ConfigValue(key, value.trim(), source.origin()));
            }
        }
        return Optional.empty();
    }

    /**
     * The environment azure-identity's credential chain may read beyond the suite's own keys (managed identity,
     * developer tools): the process's for a user's run, none for tests.
     */
    Map<String, String> inheritedEnvironment() {
        return inheritedEnvironment;
    }

    private static Map<String, String> readDotenv(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Path directory = file.toAbsolutePath().getParent();
        try {
            Map<String, String> entries = new LinkedHashMap<>();
            Dotenv dotenv = Dotenv.configure().directory(directory.toString()).filename(file.getFileName().toString())
                    .load();
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
