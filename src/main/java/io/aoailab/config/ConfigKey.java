package io.aoailab.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every configuration key the suite reads. The names match {@code env.sample} one for one and keep the names the
 * reference deployment's own {@code .env} uses, so such a file works unchanged.
 *
 * <p>Each key is looked up in the run's {@link ConfigSources}: on a user's run, as an environment variable, a Java
 * system property of the same name, and an entry of {@code .env} in the working directory; the first that is set
 * wins, else the default.
 */
public enum ConfigKey {
    LAB_TARGET("lab", false, "lab (the embedded emulator, default) or live (real Azure)"),
    OPENAI_ENDPOINT_1(null, false, "the first Azure OpenAI endpoint, e.g. https://<resource>.openai.azure.com/"),
    OPENAI_ENDPOINT_2(null, false, "the second Azure OpenAI endpoint, e.g. https://<resource>.openai.azure.com/"),
    OPENAI_MODEL_DEPLOYMENT("gpt-4o", false, "the deployment name both accounts serve"),
    OPENAI_API_VERSION("2025-03-01-preview", false, "a dated api-version with the Responses API (2025-03-01-preview or later)"),
    OPENAI_CLIENTS("azure-ai-openai,openai-java", false, "the client libraries every access path runs with:"
            + " azure-ai-openai (dated api-version), openai-java (/openai/v1), or both"),
    OPENAI_API_KEY_1(null, true, "a key of OPENAI_ENDPOINT_1's account (az cognitiveservices account keys list),"
            + " used only to check key auth is refused as EXPECTED_KEY_AUTH says; unset: that check is skipped"),
    OPENAI_API_KEY_2(null, true, "a key of OPENAI_ENDPOINT_2's account (az cognitiveservices account keys list),"
            + " used only to check key auth is refused as EXPECTED_KEY_AUTH says; unset: that check is skipped"),
    APIM_GATEWAY_URL(null, false, "the APIM gateway URL clients use as their Azure OpenAI endpoint, e.g. https://<apim>.azure-api.net/"),
    APIM_SUBSCRIPTION_KEY(null, true, "an APIM subscription key for the OpenAI API"),
    APIM_SUSPENDED_SUBSCRIPTION_KEY(null, true, "the key of a suspended APIM subscription to the OpenAI API, which"
            + " the gateway must refuse; unset: that case is skipped"),
    AI_FOUNDRY_PROJECT_ENDPOINT(null, false,
            "the Foundry project endpoint, e.g. https://<account>.services.ai.azure.com/api/projects/<project>"),
    STORAGE_BLOB_ENDPOINT(null, false, "the BYO storage account's blob endpoint, e.g. https://<account>.blob.core.windows.net/"),
    STORAGE_CONTAINER_NAME(null, false, "the BYO container the RBAC cases list, read, write and delete blobs in (they"
            + " write and delete only under aoai-lab-suite/), e.g. docs"),
    AI_SEARCH_ENDPOINT(null, false, "the AI Search endpoint, e.g. https://<service>.search.windows.net"),
    AI_SEARCH_INDEX_NAME(null, false, "the index the file_search scenario is grounded on"),
    OPENAI_VECTOR_STORE_ID(null, false, "the vector store (on both accounts) the file_search case searches, e.g. vs_..."),
    AI_FOUNDRY_VECTOR_STORE_ID(null, false,
            "the Foundry resource's vector store, which file_search on the project's own surface searches, e.g. vs_..."),
    EXPECTED_MODEL("gpt-4o", false, "the model the deployment must serve, as responses name it without or with its"
            + " version, e.g. gpt-4o or gpt-4o-2024-08-06"),
    EXPECTED_REGION_1("East US", false, "the x-ms-region display name OPENAI_ENDPOINT_1 must answer with"),
    EXPECTED_REGION_2("East US 2", false, "the x-ms-region display name OPENAI_ENDPOINT_2 must answer with"),
    EXPECTED_POOL_WEIGHTS("East US=50,East US 2=50", false,
            "the intended APIM pool weights as <region>=<weight>,..., naming each expected region once"),
    EXPECTED_REGION_HEADER("x-ms-region", false, "the response header through APIM that names the region of the"
            + " backend that answered: x-ms-region (Azure OpenAI's own, passed on) or the one your policy sets, e.g."
            + " x-backend-region"),
    EXPECTED_FAILOVER_SECONDS("10", false, "the longest a request through APIM may take while a region throttles,"
            + " fails or drops connections, in seconds (1-300)"),
    EXPECTED_REJOIN_SECONDS("10", false, "how long after its Retry-After a throttled region may take to serve through"
            + " APIM again, in seconds (0-600)"),
    EXPECTED_FOUNDRY_REGION(null, false, "the region the Foundry project's own /openai/v1 surface is meant to answer"
            + " from, e.g. East US 2; unset: any region it names"),
    EXPECTED_FOUNDRY_CONNECTIONS(null, false, "the Foundry project's Azure OpenAI connections and the region each is"
            + " meant to reach, as <connection>=<region>,...; unset: every Azure OpenAI connection the project has,"
            + " each targeting one of the configured endpoints"),
    EXPECTED_KEY_AUTH("disabled", false, "whether the Azure OpenAI accounts accept their keys: disabled (local auth"
            + " off, keys refused with 403 AuthenticationTypeDisabled) or enabled"),
    AZURE_TENANT_ID(null, false, "the Entra tenant (directory) id"),
    AZURE_CLIENT_ID(null, false, "the client id of the default caller (service principal or workload identity)"),
    AZURE_CLIENT_SECRET(null, true, "the client secret of the default caller, when it is a service principal"),
    AZURE_AUTHORITY_HOST("https://login.microsoftonline.com/", false,
            "the Entra authority host, e.g. https://login.microsoftonline.com/"),
    AZURE_FEDERATED_TOKEN_FILE(null, false, "the federated token file of a workload identity (set by the CI runner)"),
    PERSONAS("minimum,ai-user-only,openai-only,no-storage,no-search,contributor-only,no-role", false,
            "comma-separated persona names for the RBAC matrix; on live each needs PERSONA_<NAME>_CLIENT_ID and"
                    + " _CLIENT_SECRET, and each states its intended roles in PERSONA_<NAME>_ROLES"),
    RBAC_PROPAGATION_SECONDS(null, false, "how long a matrix cell that disagrees with a persona's intended roles is"
            + " asked again while role assignments apply, in seconds (0-3600; default 600 on live, where Azure takes"
            + " up to 10 minutes, 0 on the lab, which applies them at once)"),
    EXTRA_CA_CERT_FILE(null, false, "a PEM file of CA certificates the suite's HTTP clients trust in addition to the JDK's"),
    HTTP_TIMEOUT_SECONDS("30", false, "the timeout of every HTTP call the suite makes, in seconds (1-600)"),
    DISTRIBUTION_ALPHA("0.001", false, "the false-alarm rate of the pool's distribution test: how often a pool that"
            + " spreads as intended may fail it (0.0001-0.2)"),
    DISTRIBUTION_BETA("0.001", false, "the miss rate of the pool's distribution test: how often a pool off by"
            + " DISTRIBUTION_DELTA may pass it (0.0001-0.2)"),
    DISTRIBUTION_DELTA("0.20", false, "the smallest deviation of a region's share the distribution test must catch"
            + " (0.05-0.5; 0.20: a 50% region seen at 70% or 30%)"),
    DISTRIBUTION_MAX_REQUESTS("2000", false, "the most requests one distribution measurement sends before it gives up"
            + " undecided (50-100000)"),
    DISTRIBUTION_CONCURRENCY("4", false, "how many requests a load-balancing measurement has in flight at once (1-32)"),
    POOL_RECOVERY_SECONDS("120", false, "how long, after a test that acted as an operator, the suite waits for every"
            + " intended region to answer through the pool again, in seconds (1-3600)"),
    PRICE_PER_1K_INPUT_TOKENS("0.0025", false, "the price of 1,000 input tokens, for the report's cost estimate"
            + " (0-1000; default: gpt-4o Global Standard's list price in USD)"),
    PRICE_PER_1K_OUTPUT_TOKENS("0.01", false, "the price of 1,000 output tokens, for the report's cost estimate"
            + " (0-1000; default: gpt-4o Global Standard's list price in USD)"),
    PRICE_CURRENCY("USD", false, "the currency of PRICE_PER_1K_INPUT_TOKENS and _OUTPUT_TOKENS, e.g. USD or EUR"),
    LAB_TOPOLOGY_FILE(null, false, "a topology file describing the lab's actual deployment (default: the shipped one)");

    private final String defaultValue;
    private final boolean secret;
    private final String meaning;

    ConfigKey(String defaultValue, boolean secret, String meaning) {
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.meaning = meaning;
    }

    Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Secrets are never printed: not in errors, logs nor reports. */
    public boolean isSecret() {
        return secret;
    }

    /** What the key holds, as the fix in an error message puts it. */
    public String meaning() {
        return meaning;
    }

    /**
     * The keys a live run cannot do without. The rest are optional (the cases that need them are skipped with a
     * reason) or have defaults; {@link #pairs()} says which optional keys only make sense together.
     */
    static List<ConfigKey> requiredForLive() {
        return Arrays.asList(OPENAI_ENDPOINT_1, OPENAI_ENDPOINT_2);
    }

    /** Optional keys that need each other: set both or neither. */
    static List<List<ConfigKey>> pairs() {
        return List.of(List.of(APIM_GATEWAY_URL, APIM_SUBSCRIPTION_KEY), List.of(AI_SEARCH_ENDPOINT, AI_SEARCH_INDEX_NAME));
    }
}
