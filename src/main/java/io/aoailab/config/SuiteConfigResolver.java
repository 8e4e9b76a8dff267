package io.aoailab.config;

import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.roles.BuiltInRole;
import io.aoailab.roles.BuiltInRoles;
import io.aoailab.roles.Grant;
import io.aoailab.roles.Scope;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves {@link SuiteConfig} from {@link ConfigSources}: each key from the first source that sets it
 * (environment variable, system property, {@code .env}), else its default. Every value is checked here, before
 * anything touches the network; the first bad one stops resolution with a {@link ConfigurationException} naming
 * the key, the value (never a secret's) and the fix.
 */
public final class SuiteConfigResolver {
    /** Responses first shipped in this api-version; earlier dated versions answer 404 on /openai/responses. */
    private static final LocalDate FIRST_RESPONSES_API_VERSION = LocalDate.of(2025, 3, 1);
    private static final Pattern DATED_API_VERSION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(-preview)?");
    private static final Pattern WEIGHT_ENTRY = Pattern.compile("\\s*([^=]+?)\\s*=\\s*(\\S+)\\s*");
    private static final Pattern NAMED_REGION = Pattern.compile("\\s*([^=]+?)\\s*=\\s*([^=]+?)\\s*");
    private static final int MAX_POOL_WEIGHT = 1000;

    private final ConfigSources sources;

    public SuiteConfigResolver(ConfigSources sources) {
        this.sources = sources;
    }

    public SuiteConfig resolve() {
        Target target = target();
        Optional<Path> extraCa = existingFile(ConfigKey.EXTRA_CA_CERT_FILE);
        return new SuiteConfig(
                target,
                deploymentName(),
                apiVersion(),
                liveEndpoints(target),
                intendedDeployment(),
                liveCredentials(),
                personas(target),
                extraCa,
                httpTimeout(),
                existingFile(ConfigKey.LAB_TOPOLOGY_FILE),
                clients(),
                distribution(),
                rbac(target),
                price());
    }

    private TokenPrice price() {
        ConfigValue currency = value(ConfigKey.PRICE_CURRENCY);
        if (!currency.value().strip().matches("[A-Za-z]{3}")) {
            throw invalid(ConfigKey.PRICE_CURRENCY, currency, "is not a three-letter currency code",
                    "set PRICE_CURRENCY to the ISO 4217 code of your prices, e.g. USD or EUR");
        }
        return new TokenPrice(BigDecimal.valueOf(decimal(ConfigKey.PRICE_PER_1K_INPUT_TOKENS, 0, 1000, "0.0025")),
                BigDecimal.valueOf(decimal(ConfigKey.PRICE_PER_1K_OUTPUT_TOKENS, 0, 1000, "0.01")),
                currency.value().strip().toUpperCase(Locale.ROOT));
    }

    private RbacSettings rbac(Target target) {
        ConfigValue keyAuth = value(ConfigKey.EXPECTED_KEY_AUTH);
        String state = keyAuth.value().trim().toLowerCase(Locale.ROOT);
        if (!state.equals("disabled") && !state.equals("enabled")) {
            throw invalid(ConfigKey.EXPECTED_KEY_AUTH, keyAuth, "is neither disabled nor enabled",
                    "set EXPECTED_KEY_AUTH to disabled (the accounts refuse keys, as the reference deployment intends)"
                            + " or enabled");
        }
        // Azure applies role changes within about 10 minutes (docs/azure-facts.md §4.4); the lab at once
        long seconds = sources.lookup(ConfigKey.RBAC_PROPAGATION_SECONDS.name()).isPresent()
                ? wholeNumber(ConfigKey.RBAC_PROPAGATION_SECONDS, 0, 3600, "600") : target == Target.LIVE ? 600 : 0;
        return new RbacSettings(sources.lookup(ConfigKey.PERSONAS.name()).isPresent(), state.equals("disabled"),
                Duration.ofSeconds(seconds));
    }

    private List<Client> clients() {
        ConfigValue value = value(ConfigKey.OPENAI_CLIENTS);
        String fix = "name one or both of azure-ai-openai and openai-java, comma-separated, e.g."
                + " azure-ai-openai,openai-java (the default), or openai-java alone when the deployment no longer"
                + " accepts the dated api-version";
        List<Client> clients = new ArrayList<>();
        for (String name : value.value().split(",")) {
            Client client = Client.parse(name).orElseThrow(() -> invalid(ConfigKey.OPENAI_CLIENTS, value,
                    "names '" + name.trim() + "', which is not a client the suite has", fix));
            if (clients.contains(client)) {
                throw invalid(ConfigKey.OPENAI_CLIENTS, value, "names '" + client.configName() + "' twice", fix);
            }
            clients.add(client);
        }
        return clients;
    }

    private Target target() {
        ConfigValue value = value(ConfigKey.LAB_TARGET);
        return Target.parse(value.value()).orElseThrow(() -> invalid(ConfigKey.LAB_TARGET, value,
                "is not a target", "set LAB_TARGET to lab (the embedded emulator, the default) or live (real Azure)"));
    }

    private String deploymentName() {
        ConfigValue value = value(ConfigKey.OPENAI_MODEL_DEPLOYMENT);
        // Azure deployment names: letters, digits, '-', '_' and '.', up to 64 characters
        if (!value.value().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw invalid(ConfigKey.OPENAI_MODEL_DEPLOYMENT, value, "is not a deployment name",
                    "use the deployment's name as shown in the portal, e.g. gpt-4o");
        }
        return value.value();
    }

    private String apiVersion() {
        ConfigValue value = value(ConfigKey.OPENAI_API_VERSION);
        Matcher matcher = DATED_API_VERSION.matcher(value.value());
        String fix = "use a dated api-version with the Responses API, e.g. 2025-03-01-preview or 2025-04-01-preview";
        if (!matcher.matches()) {
            throw invalid(ConfigKey.OPENAI_API_VERSION, value, "is not a dated api-version", fix);
        }
        try {
            if (LocalDate.parse(matcher.group(1)).isBefore(FIRST_RESPONSES_API_VERSION)) {
                throw invalid(ConfigKey.OPENAI_API_VERSION, value, "predates the Responses API", fix);
            }
        } catch (DateTimeParseException e) {
            throw invalid(ConfigKey.OPENAI_API_VERSION, value, "is not a dated api-version", fix);
        }
        return value.value();
    }

    private DeploymentEndpoints liveEndpoints(Target target) {
        if (target == Target.LIVE) {
            for (ConfigKey key : ConfigKey.requiredForLive()) {
                if (sources.lookup(key.name()).isEmpty()) {
                    throw ConfigurationException.missing(key.name(), "LAB_TARGET=live needs it",
                            "set " + key.name() + " to " + key.meaning() + " (see env.sample), or use LAB_TARGET=lab");
                }
            }
        }
        for (List<ConfigKey> pair : ConfigKey.pairs()) {
            for (ConfigKey key : pair) {
                ConfigKey other = pair.get(0) == key ? pair.get(1) : pair.get(0);
                if (sources.lookup(key.name()).isEmpty() && sources.lookup(other.name()).isPresent()) {
                    throw ConfigurationException.missing(key.name(), other.name() + " is set and needs it",
                            "set " + key.name() + " to " + key.meaning() + ", or unset " + other.name());
                }
            }
        }
        List<URI> openai = new ArrayList<>();
        https(ConfigKey.OPENAI_ENDPOINT_1).ifPresent(openai::add);
        https(ConfigKey.OPENAI_ENDPOINT_2).ifPresent(openai::add);
        return new DeploymentEndpoints(
                openai,
                https(ConfigKey.APIM_GATEWAY_URL),
                secret(ConfigKey.APIM_SUBSCRIPTION_KEY),
                secret(ConfigKey.APIM_SUSPENDED_SUBSCRIPTION_KEY),
                https(ConfigKey.AI_FOUNDRY_PROJECT_ENDPOINT),
                https(ConfigKey.STORAGE_BLOB_ENDPOINT),
                storageContainer(),
                https(ConfigKey.AI_SEARCH_ENDPOINT),
                optional(ConfigKey.AI_SEARCH_INDEX_NAME).map(ConfigValue::value),
                optional(ConfigKey.OPENAI_VECTOR_STORE_ID).map(ConfigValue::value),
                optional(ConfigKey.AI_FOUNDRY_VECTOR_STORE_ID).map(ConfigValue::value),
                accountKeys(openai));
    }

    private Optional<String> storageContainer() {
        return optional(ConfigKey.STORAGE_CONTAINER_NAME).map(value -> {
            // Storage's container names: 3-63 lower-case letters, digits and single hyphens, starting with a letter
            // or digit (learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata)
            if (!value.value().matches("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]")) {
                throw invalid(ConfigKey.STORAGE_CONTAINER_NAME, value, "is not a container name",
                        "use the container's name as the portal shows it: 3-63 lower-case letters, digits and hyphens");
            }
            return value.value();
        });
    }

    private Map<URI, Secret> accountKeys(List<URI> openai) {
        Map<URI, Secret> keys = new LinkedHashMap<>();
        List<ConfigKey> keyKeys = List.of(ConfigKey.OPENAI_API_KEY_1, ConfigKey.OPENAI_API_KEY_2);
        for (int i = 0; i < keyKeys.size(); i++) {
            Optional<Secret> key = secret(keyKeys.get(i));
            if (key.isPresent() && i >= openai.size()) {
                throw ConfigurationException.missing("OPENAI_ENDPOINT_" + (i + 1), keyKeys.get(i).name()
                        + " is set and is that account's key", "set OPENAI_ENDPOINT_" + (i + 1) + ", or unset "
                        + keyKeys.get(i).name());
            }
            URI account = i < openai.size() ? openai.get(i) : null;
            key.ifPresent(k -> keys.put(account, k));
        }
        return keys;
    }

    /** {@code <connection>=<region>,...}: each name a Foundry connection name, each region an intended one. */
    private Map<String, String> foundryConnections(List<String> regionNames) {
        Optional<ConfigValue> declared = optional(ConfigKey.EXPECTED_FOUNDRY_CONNECTIONS);
        Map<String, String> connections = new LinkedHashMap<>();
        if (declared.isEmpty()) {
            return connections;
        }
        ConfigValue value = declared.get();
        String fix = "write one <connection>=<region> per Azure OpenAI connection of the project, each region one of "
                + String.join(", ", regionNames) + ", e.g. aoai-eus=" + regionNames.get(0) + ", or unset it to use"
                + " every Azure OpenAI connection the project has";
        for (String entry : value.value().split(",")) {
            Matcher matcher = NAMED_REGION.matcher(entry);
            if (!matcher.matches()) {
                throw invalid(ConfigKey.EXPECTED_FOUNDRY_CONNECTIONS, value,
                        "has an entry that is not <connection>=<region>", fix);
            }
            String name = matcher.group(1);
            String region = matcher.group(2);
            // Foundry connection names: letters, digits, '-' and '_', 3-33 characters (portal rule)
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{2,32}")) {
                throw invalid(ConfigKey.EXPECTED_FOUNDRY_CONNECTIONS, value,
                        "names '" + name + "', which is not a connection name", fix);
            }
            if (!regionNames.contains(region)) {
                throw invalid(ConfigKey.EXPECTED_FOUNDRY_CONNECTIONS, value,
                        "sends '" + name + "' to '" + region + "', which is not an expected region", fix);
            }
            if (connections.put(name, region) != null) {
                throw invalid(ConfigKey.EXPECTED_FOUNDRY_CONNECTIONS, value, "names '" + name + "' twice", fix);
            }
        }
        return connections;
    }

    private String expectedModel() {
        ConfigValue value = value(ConfigKey.EXPECTED_MODEL);
        if (!value.value().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw invalid(ConfigKey.EXPECTED_MODEL, value, "is not a model name", "use the model's name, e.g. gpt-4o");
        }
        return value.value();
    }

    private IntendedDeployment intendedDeployment() {
        List<String> regionNames = List.of(value(ConfigKey.EXPECTED_REGION_1).value(),
                value(ConfigKey.EXPECTED_REGION_2).value());
        if (regionNames.get(0).equals(regionNames.get(1))) {
            throw invalid(ConfigKey.EXPECTED_REGION_2, value(ConfigKey.EXPECTED_REGION_2),
                    "repeats EXPECTED_REGION_1", "give each endpoint its own region, e.g. East US and East US 2");
        }
        ConfigValue weightsValue = value(ConfigKey.EXPECTED_POOL_WEIGHTS);
        String fix = "write one <region>=<weight> per expected region (" + String.join(", ", regionNames)
                + "), weights 0-" + MAX_POOL_WEIGHT + " not all 0, e.g. " + regionNames.stream()
                        .map(r -> r + "=50").collect(Collectors.joining(","));
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String entry : weightsValue.value().split(",")) {
            Matcher matcher = WEIGHT_ENTRY.matcher(entry);
            if (!matcher.matches()) {
                throw invalid(ConfigKey.EXPECTED_POOL_WEIGHTS, weightsValue, "has an entry that is not <region>=<weight>", fix);
            }
            int weight;
            try {
                weight = Integer.parseInt(matcher.group(2));
            } catch (NumberFormatException e) {
                throw invalid(ConfigKey.EXPECTED_POOL_WEIGHTS, weightsValue,
                        "has a weight that is not a whole number: '" + matcher.group(2) + "'", fix);
            }
            if (weight < 0 || weight > MAX_POOL_WEIGHT) {
                throw invalid(ConfigKey.EXPECTED_POOL_WEIGHTS, weightsValue, "has a weight out of range: " + weight, fix);
            }
            if (!regionNames.contains(matcher.group(1))) {
                throw invalid(ConfigKey.EXPECTED_POOL_WEIGHTS, weightsValue,
                        "names '" + matcher.group(1) + "', which is not an expected region", fix);
            }
            if (weights.put(matcher.group(1), weight) != null) {
                throw invalid(ConfigKey.EXPECTED_POOL_WEIGHTS, weightsValue,
                        "names '" + matcher.group(1) + "' twice", fix);
            }
        }
        for (String region : regionNames) {
            if (!weights.containsKey(region)) {
                throw invalid(ConfigKey.EXPECTED_POOL_WEIGHTS, weightsValue, "has no weight for '" + region + "'", fix);
            }
        }
        if (weights.values().stream().allMatch(w -> w == 0)) {
            throw invalid(ConfigKey.EXPECTED_POOL_WEIGHTS, weightsValue, "gives every region weight 0", fix);
        }
        return new IntendedDeployment(expectedModel(), regionNames.stream().map(r -> new IntendedRegion(r,
                weights.get(r))).toList(), foundryConnections(regionNames),
                optional(ConfigKey.EXPECTED_FOUNDRY_REGION).map(ConfigValue::value), poolIntent());
    }

    private PoolIntent poolIntent() {
        ConfigValue header = value(ConfigKey.EXPECTED_REGION_HEADER);
        // an HTTP header name is a token (RFC 9110 §5.1, §5.6.2)
        if (!header.value().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw invalid(ConfigKey.EXPECTED_REGION_HEADER, header, "is not a header name",
                    "set it to x-ms-region, or to the header your APIM policy sets, e.g. x-backend-region");
        }
        return new PoolIntent(header.value().toLowerCase(Locale.ROOT),
                Duration.ofSeconds(wholeNumber(ConfigKey.EXPECTED_FAILOVER_SECONDS, 1, 300, "10")),
                Duration.ofSeconds(wholeNumber(ConfigKey.EXPECTED_REJOIN_SECONDS, 0, 600, "10")));
    }

    private DistributionSettings distribution() {
        return new DistributionSettings(
                decimal(ConfigKey.DISTRIBUTION_ALPHA, 0.0001, 0.2, "0.001"),
                decimal(ConfigKey.DISTRIBUTION_BETA, 0.0001, 0.2, "0.001"),
                decimal(ConfigKey.DISTRIBUTION_DELTA, 0.05, 0.5, "0.20"),
                wholeNumber(ConfigKey.DISTRIBUTION_MAX_REQUESTS, 50, 100_000, "2000"),
                wholeNumber(ConfigKey.DISTRIBUTION_CONCURRENCY, 1, 32, "4"),
                Duration.ofSeconds(wholeNumber(ConfigKey.POOL_RECOVERY_SECONDS, 1, 3600, "120")));
    }

    private int wholeNumber(ConfigKey key, int min, int max, String example) {
        String of = key.name().endsWith("_SECONDS") ? "of seconds " : "";
        return inRange(key, Integer::parseInt, min, max, "is not a whole number " + of + "from " + min + " to " + max,
                example);
    }

    private double decimal(ConfigKey key, double min, double max, String example) {
        return inRange(key, Double::parseDouble, min, max, "is not a number from " + plain(min) + " to " + plain(max),
                example);
    }

    private <N extends Comparable<N>> N inRange(ConfigKey key, Function<String, N> parse, N min, N max,
            String problem, String example) {
        ConfigValue value = value(key);
        try {
            N number = parse.apply(value.value().strip());
            if (number.compareTo(min) >= 0 && number.compareTo(max) <= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw invalid(key, value, problem, "set it to e.g. " + example);
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private LiveCredentials liveCredentials() {
        URI authority = https(ConfigKey.AZURE_AUTHORITY_HOST).orElseThrow();
        return new LiveCredentials(
                optional(ConfigKey.AZURE_TENANT_ID).map(ConfigValue::value),
                optional(ConfigKey.AZURE_CLIENT_ID).map(ConfigValue::value),
                secret(ConfigKey.AZURE_CLIENT_SECRET),
                authority,
                optional(ConfigKey.AZURE_FEDERATED_TOKEN_FILE).map(ConfigValue::value),
                new InheritedEnvironment(sources.inheritedEnvironment()));
    }

    private List<Persona> personas(Target target) {
        ConfigValue declared = value(ConfigKey.PERSONAS);
        List<Persona> personas = new ArrayList<>();
        List<String> names = Arrays.stream(declared.value().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        for (String name : names) {
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw invalid(ConfigKey.PERSONAS, declared, "declares '" + name + "', which is not a persona name",
                        "use names of letters, digits, '-' and '_', e.g. minimum,no-role");
            }
        }
        for (String name : names) {
            String prefix = Persona.keyPrefix(name);
            Optional<String> clientId = sources.lookup(prefix + "CLIENT_ID").map(ConfigValue::value);
            Optional<Secret> clientSecret = sources.lookup(prefix + "CLIENT_SECRET").map(v -> Secret.of(v.value()));
            // the shipped personas on live are run only where the user gave them credentials (skipped otherwise)
            boolean declaredByUser = sources.lookup(ConfigKey.PERSONAS.name()).isPresent();
            if (target == Target.LIVE && declaredByUser) {
                for (String suffix : List.of("CLIENT_ID", "CLIENT_SECRET")) {
                    if (sources.lookup(prefix + suffix).isEmpty()) {
                        throw ConfigurationException.missing(prefix + suffix,
                                "PERSONAS declares '" + name + "' and LAB_TARGET=live signs in as it",
                                "set " + prefix + suffix + " to the persona's service principal "
                                        + suffix.toLowerCase(Locale.ROOT).replace('_', ' ') + ", or remove '" + name
                                        + "' from PERSONAS");
                    }
                }
            }
            personas.add(new Persona(name, clientId, clientSecret, intendedGrants(name, prefix + "ROLES")));
        }
        return personas;
    }

    /** {@code <role>[@<scope>], ...} or {@code none}; a shipped persona's default when unset. */
    private List<Grant> intendedGrants(String persona, String key) {
        Optional<ConfigValue> declared = sources.lookup(key).or(() -> Optional.ofNullable(
                ShippedPersonas.ROLES.get(persona)).map(v -> new ConfigValue(key, v, "default")));
        if (declared.isEmpty()) {
            throw ConfigurationException.missing(key, "PERSONAS declares '" + persona + "', and the suite must know"
                    + " what it is meant to hold", "set " + key + " to its intended roles as <role>@<scope>,..., e.g. "
                    + "Cognitive Services OpenAI User@openai, or none");
        }
        ConfigValue value = declared.get();
        if (value.value().trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Grant> grants = new ArrayList<>();
        for (String entry : value.value().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int at = entry.lastIndexOf('@');
            String roleName = (at < 0 ? entry : entry.substring(0, at)).trim();
            String scopeName = at < 0 ? "resource-group" : entry.substring(at + 1).trim();
            BuiltInRole role = BuiltInRoles.find(roleName).orElseThrow(() -> ConfigurationException.invalid(value,
                    false, "names '" + roleName + "', which is not a built-in role the suite knows",
                    "use a role's name or GUID as Azure lists it (README, \"RBAC personas\"), e.g. Cognitive Services"
                            + " OpenAI User, or none"));
            Scope scope = Scope.parse(scopeName).orElseThrow(() -> ConfigurationException.invalid(value, false,
                    "names the scope '" + scopeName + "', which the suite does not know",
                    "write <role>@<scope> with a scope of " + Scope.writtenForms()));
            grants.add(new Grant(role, scope));
        }
        return grants;
    }

    private Duration httpTimeout() {
        return Duration.ofSeconds(wholeNumber(ConfigKey.HTTP_TIMEOUT_SECONDS, 1, 600, "30"));
    }

    private Optional<URI> https(ConfigKey key) {
        return optional(key).map(value -> {
            String fix = "set " + key.name() + " to " + key.meaning();
            URI uri;
            try {
                uri = new URI(value.value());
            } catch (URISyntaxException e) {
                throw invalid(key, value, "is not a URL", fix);
            }
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                // azure-core refuses to send keys or tokens over plain http (docs/azure-facts.md §0.3)
                throw invalid(key, value, "is not an absolute https URL", fix);
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw invalid(key, value, "carries a query or fragment", fix + ", without ?... or #...");
            }
            return uri;
        });
    }

    private Optional<Secret> secret(ConfigKey key) {
        return optional(key).map(value -> {
            // a key pasted with a space, quote or line break in it is refused by every service: say so early
            if (!value.value().matches("[\\x21-\\x7E&&[^\"'\\\\]]{1,512}")) {
                throw invalid(key, value, "holds spaces, quotes or other characters a credential never has",
                        "paste " + credential(key.meaning()) + " again, exactly as issued");
            }
            return Secret.of(value.value());
        });
    }

    // "a client secret of ...; unset: ..." → "the client secret of ...": the thing to paste, without what follows
    private static String credential(String meaning) {
        return "the " + meaning.replaceFirst(";.*$", "").replaceFirst("^(an?|the) ", "");
    }

    private Optional<Path> existingFile(ConfigKey key) {
        return optional(key).map(value -> {
            Path path = Path.of(value.value());
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw invalid(key, value, "is not a readable file", "set " + key.name() + " to " + key.meaning());
            }
            return path;
        });
    }

    private Optional<ConfigValue> optional(ConfigKey key) {
        return sources.lookup(key.name())
                .or(() -> key.defaultValue().filter(d -> !d.isEmpty()).map(d -> new ConfigValue(key.name(), d, "default")));
    }

    private ConfigValue value(ConfigKey key) {
        return optional(key).orElseGet(() -> new ConfigValue(key.name(), "", "default"));
    }

    private static ConfigurationException invalid(ConfigKey key, ConfigValue value, String problem, String fix) {
        return ConfigurationException.invalid(value, key.isSecret(), problem, fix);
    }
}
