package io.aoailab.lab.openai;

import com.azure.ai.openai.responses.ResponsesClient;
import com.azure.ai.openai.responses.ResponsesClientBuilder;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.lab.search.SearchService;
import io.aoailab.lab.storage.BlobService;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.Topology.Account;
import io.aoailab.lab.topology.Topology.Deployment;
import io.aoailab.lab.topology.TopologyLoader;
import io.aoailab.testing.Answer;
import io.aoailab.testing.ServiceLab;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import reactor.core.publisher.Mono;

/**
 * Three {@link OpenAiAccount}s served over HTTPS on loopback, each under its Azure-shaped host name, reached through
 * {@link HttpClientFactory} with the lab CA trusted and the host names pinned — the way the suite reaches the lab.
 * Register it as a static {@code @RegisterExtension} field: one lab per test class (so rate-limit windows and stored
 * responses never leak between classes), closed by JUnit's store; faults are reset after each test.
 *
 * <ul>
 *   <li>{@value #EUS} (East US) and {@value #EUS2} (East US 2): Entra only, as in the shipped topology.</li>
 *   <li>{@value #KEYS} (West US): key auth allowed; also has the deployment {@value #TINY} with tiny limits and
 *       {@value #PACED}, which streams at a measurable pace.</li>
 * </ul>
 *
 * <p>{@code file_search} is grounded on real {@link SearchService} and {@link BlobService} instances built from the
 * shipped topology's search services and storage accounts (not served over HTTP: the account calls them in-process
 * through its {@link Grounding} seam).
 */
final class OpenAiLab extends ServiceLab<OpenAiAccount> {
    static final String EUS = "aoai-eus";
    static final String EUS2 = "aoai-eus2";
    static final String KEYS = "aoai-keys";
    static final String GPT_4O = "gpt-4o";
    static final String GPT_4O_MODEL = "gpt-4o-2024-08-06";
    static final String TINY = "gpt-4o-tiny";
    /** A deployment of {@value #KEYS} that streams slowly enough to measure: first token after 80 ms, then every 30 ms. */
    static final String PACED = "gpt-4o-paced";
    static final Topology.StreamPace PACED_PACE = new Topology.StreamPace(80, 30);
    static final int TINY_REQUESTS_PER_MINUTE = 3;
    static final int TINY_TOKENS_PER_MINUTE = 2_500;
    static final long MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_STORED = 50;
    static final String AUDIENCE = "https://cognitiveservices.azure.com";
    static final MediaType JSON = MediaType.get("application/json");

    OpenAiLab() {
        super(Instant.parse("2025-06-02T08:00:00Z"), AUDIENCE, OpenAiLab::labTopology);
    }

    OpenAiAccount account(String name) {
        return service(name);
    }

    String key(String account) {
        return account(account).keys().get(0).reveal();
    }

    /** The real azure-ai-openai beta.16 client, with no retries so throttling tests fail fast (docs/azure-facts.md §0.10). */
    ResponsesClient client(String account, String principal, HttpPipelinePolicy... policies) {
        String token = token(principal);
        TokenCredential credential = request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
        ResponsesClientBuilder builder = new ResponsesClientBuilder()
                .endpoint(endpoint(account))
                .credential(credential)
                .httpClient(azureHttpClient())
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
        for (HttpPipelinePolicy policy : policies) {
            builder.addPolicy(policy);
        }
        return builder.buildClient();
    }

    Request.Builder request(String account, String pathAndQuery) {
        return new Request.Builder().url(endpoint(account) + pathAndQuery);
    }

    /** {@code POST} JSON with a fresh bearer token of {@code suite-caller}. */
    Answer post(String account, String pathAndQuery, String json) {
        return send(request(account, pathAndQuery).header("Authorization", "Bearer " + token("suite-caller"))
                .post(RequestBody.create(json, JSON)).build());
    }

    Answer get(String account, String pathAndQuery) {
        return send(request(account, pathAndQuery).header("Authorization", "Bearer " + token("suite-caller")).build());
    }

    /** Each account of the topology, grounding {@code file_search} on its search services and storage accounts. */
    @Override
    protected Map<String, Hosted<OpenAiAccount>> createServices(Shared shared) {
        Topology topology = shared.topology();
        List<SearchService> searches = topology.search().stream().map(spec -> new SearchService(topology, spec,
                shared.tokens(), shared.access(), shared.faults(), shared.clock())).toList();
        List<BlobService> storage = topology.storage().stream().map(spec -> new BlobService(topology, spec,
                shared.tokens(), shared.access(), shared.faults(), shared.clock())).toList();
        Grounding grounding = new ServiceGrounding(searches, storage);
        Map<String, Hosted<OpenAiAccount>> accounts = new LinkedHashMap<>();
        for (Account account : topology.accounts()) {
            OpenAiAccount served = new OpenAiAccount(account, OpenAiAccount.Dependencies.of(topology, shared.tokens(),
                    shared.access(), shared.faults(), shared.clock()).withGrounding(grounding)
                    .withLimits(MAX_BODY_BYTES, MAX_STORED));
            accounts.put(account.name(), new Hosted<>(account.hostName(), served));
        }
        return accounts;
    }

    /** The shipped topology's tenant, principals and role assignments, plus a key-auth account with tiny limits. */
    private static Topology labTopology() {
        Topology shipped = TopologyLoader.loadDefault();
        List<Account> accounts = new ArrayList<>(shipped.accounts());
        accounts.add(new Account(KEYS, "West US", false, List.of(
                new Deployment(GPT_4O, GPT_4O_MODEL, 450_000, 2_700),
                new Deployment(TINY, "gpt-4o-mini-2024-07-18", TINY_TOKENS_PER_MINUTE, TINY_REQUESTS_PER_MINUTE),
                new Deployment(PACED, GPT_4O_MODEL, 450_000, 2_700, PACED_PACE))));
        return new Topology(shipped.subscriptionId(), shipped.resourceGroup(), shipped.tenant(),
                shipped.principals(), shipped.defaultCaller(), accounts, shipped.roleAssignments(), null, shipped.storage(), shipped.search(), shipped.foundry());
    }
}
