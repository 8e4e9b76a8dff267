package io.aoailab.lab.search;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.search.documents.SearchClient;
import com.azure.search.documents.SearchClientBuilder;
import com.azure.search.documents.indexes.SearchIndexClient;
import com.azure.search.documents.indexes.SearchIndexClientBuilder;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.lab.topology.SearchSpec;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.Topology.Assignment;
import io.aoailab.lab.topology.Topology.Principal;
import io.aoailab.lab.topology.Topology.PrincipalType;
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
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import reactor.core.publisher.Mono;

/**
 * Two {@link SearchService}s served over HTTPS on loopback under their Azure host names, reached through
 * {@link HttpClientFactory} with the lab CA trusted and the host names pinned — the way the suite reaches the lab.
 * Register it as a static {@code @RegisterExtension} field: one lab per test class (indexing tests change documents),
 * closed by JUnit's store; faults are reset after each test.
 *
 * <ul>
 *   <li>{@value #SERVICE}, the shipped topology's service, with its {@value #DOCS} plus {@value #FAQ},
 *       {@value #SCRATCH} (for uploads) and {@value #SCORING} (documents chosen to make BM25's parts visible);</li>
 *   <li>{@value #OTHER}, a second service with an index also named {@value #DOCS}.</li>
 * </ul>
 * Personas, besides the shipped ones ({@code suite-caller}: Search Index Data Contributor on {@value #SERVICE};
 * {@value #MINIMUM}: Search Index Data Reader on {@value #DOCS} only, as {@code index:srch-aoai-lab/docs-index};
 * {@code no-search}: no Search role; {@code contributor-only}: Contributor on the resource group; {@code no-role}):
 * {@value #READER} (Search Index Data Reader on {@value #SERVICE}), {@value #ADMIN} (Search Service Contributor on
 * {@value #SERVICE}), {@value #FAQ_READER} (Search Index Data Reader on {@value #FAQ} only, written as the index's
 * full ARM id), {@value #OTHER_READER} (Search Index Data Reader on {@value #OTHER}) and {@value #RG_READER} (Search
 * Index Data Reader on the resource group).
 */
final class SearchLab extends ServiceLab<SearchService> {
    static final String SERVICE = "srch-aoai-lab";
    static final String OTHER = "srch-other";
    static final String DOCS = "docs-index";
    static final String FAQ = "faq-index";
    static final String SCRATCH = "scratch-index";
    static final String SCORING = "scoring-index";
    static final String READER = "search-reader";
    static final String ADMIN = "search-admin";
    static final String FAQ_READER = "faq-reader";
    static final String OTHER_READER = "other-reader";
    static final String RG_READER = "rg-reader";
    static final String CONTRIBUTOR = "suite-caller";
    static final String NO_ROLE = "no-role";
    /** The shipped persona of the reference deployment's design: its Search role is on the index {@value #DOCS}. */
    static final String MINIMUM = "minimum";
    static final String API_VERSION = "2025-09-01";
    static final String AUDIENCE = "https://search.azure.com";
    static final MediaType JSON = MediaType.get("application/json");

    /** Scopes asked for by the credentials of {@link #credential(String)}, for all the test class's tests. */
    private final List<String> requestedScopes = new CopyOnWriteArrayList<>();

    SearchLab() {
        super(Instant.parse("2025-06-02T08:00:00Z"), AUDIENCE, SearchLab::labTopology);
    }

    /** The scopes the SDK asked the credentials of {@link #credential(String)} for. */
    List<String> requestedScopes() {
        return requestedScopes;
    }

    /** A credential handing out a fresh search token of {@code principal}, recording the scopes it is asked for. */
    TokenCredential credential(String principal) {
        return request -> {
            requestedScopes.addAll(request.getScopes());
            return Mono.just(new AccessToken(token(principal), OffsetDateTime.now().plusHours(1)));
        };
    }

    /** The real azure-search-documents {@code SearchClient} as {@code principal}, with no retries (fail fast on 503). */
    SearchClient client(String service, String index, String principal) {
        return searchBuilder(service, index).credential(credential(principal)).buildClient();
    }

    SearchClient keyClient(String service, String index, String key) {
        return searchBuilder(service, index).credential(new AzureKeyCredential(key)).buildClient();
    }

    SearchIndexClient indexClient(String service, String principal) {
        return indexBuilder(service).credential(credential(principal)).buildClient();
    }

    SearchIndexClient keyIndexClient(String service, String key) {
        return indexBuilder(service).credential(new AzureKeyCredential(key)).buildClient();
    }

    String adminKey(String service) {
        return service(service).adminKeys().get(0).reveal();
    }

    String queryKey(String service) {
        return service(service).queryKey().reveal();
    }

    Request.Builder request(String service, String pathAndQuery) {
        return new Request.Builder().url(endpoint(service) + pathAndQuery);
    }

    /** {@code GET} with a fresh bearer token of {@code principal}. */
    Answer get(String service, String pathAndQuery, String principal) {
        return send(request(service, pathAndQuery).header("Authorization", "Bearer " + token(principal)).build());
    }

    /** {@code POST} JSON with a fresh bearer token of {@code principal}. */
    Answer post(String service, String pathAndQuery, String principal, String json) {
        return send(request(service, pathAndQuery).header("Authorization", "Bearer " + token(principal))
                .post(RequestBody.create(json, JSON)).build());
    }

    private SearchClientBuilder searchBuilder(String service, String index) {
        return new SearchClientBuilder()
                .endpoint(endpoint(service))
                .indexName(index)
                .httpClient(azureHttpClient())
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
    }

    private SearchIndexClientBuilder indexBuilder(String service) {
        return new SearchIndexClientBuilder()
                .endpoint(endpoint(service))
                .httpClient(azureHttpClient())
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
    }

    /** Each search service of the topology. */
    @Override
    protected Map<String, Hosted<SearchService>> createServices(Shared shared) {
        Topology topology = shared.topology();
        Map<String, Hosted<SearchService>> services = new LinkedHashMap<>();
        for (SearchSpec spec : topology.search()) {
            services.put(spec.name(), new Hosted<>(spec.hostName(), new SearchService(topology, spec, shared.tokens(),
                    shared.access(), shared.faults(), shared.clock())));
        }
        return services;
    }

    /** The shipped topology, with the search services, indexes, personas and assignments described above. */
    private static Topology labTopology() {
        Topology shipped = TopologyLoader.loadDefault();
        SearchSpec shippedService = shipped.searchService(SERVICE).orElseThrow();
        List<SearchSpec.Index> indexes = new ArrayList<>(shippedService.indexes());
        indexes.add(new SearchSpec.Index(FAQ, "id", List.of(
                Map.of("id", "q1", "question", "How long do returns take?", "answer", "Five business days."),
                Map.of("id", "q2", "question", "Do you ship abroad?", "answer", "Only within the EU."))));
        indexes.add(new SearchSpec.Index(SCRATCH, "id", List.of(
                Map.of("id", "seed", "title", "Seed", "content", "The document that gives the schema."))));
        indexes.add(new SearchSpec.Index(SCORING, "id", List.of(
                Map.of("id", "a", "text", "apple banana"),
                Map.of("id", "b", "text", "apple apple apple cherry date elderberry fig"),
                Map.of("id", "c", "text", "banana cherry"),
                Map.of("id", "d", "text", "Apple"),
                Map.of("id", "e", "text", "CHERRY, banana!"))));
        List<SearchSpec> search = List.of(new SearchSpec(SERVICE, indexes),
                new SearchSpec(OTHER, List.of(new SearchSpec.Index(DOCS, "id", List.of(
                        Map.of("id", "x", "title", "Elsewhere", "content", "A returns policy of another service.")))))
        );
        List<Principal> principals = new ArrayList<>(shipped.principals());
        List<Assignment> assignments = new ArrayList<>(shipped.roleAssignments());
        addPersona(principals, READER, 11);
        addPersona(principals, ADMIN, 12);
        addPersona(principals, FAQ_READER, 13);
        addPersona(principals, OTHER_READER, 14);
        addPersona(principals, RG_READER, 15);
        assignments.add(new Assignment(READER, "Search Index Data Reader", "search:" + SERVICE));
        // an index-scoped assignment, as Azure writes its scope (the full ARM id)
        assignments.add(new Assignment(FAQ_READER, "Search Index Data Reader", shipped.searchScope(shippedService)
                + "/indexes/" + FAQ));
        assignments.add(new Assignment(ADMIN, "Search Service Contributor", "search:" + SERVICE));
        assignments.add(new Assignment(OTHER_READER, "Search Index Data Reader", "search:" + OTHER));
        assignments.add(new Assignment(RG_READER, "Search Index Data Reader", "resourceGroup"));
        return new Topology(shipped.subscriptionId(), shipped.resourceGroup(), shipped.tenant(), principals,
                shipped.defaultCaller(), shipped.accounts(), assignments, null, shipped.storage(), search, shipped.foundry());
    }

    /** A service principal numbered {@code n}, clear of the shipped topology's numbers. */
    private static void addPersona(List<Principal> principals, String name, int n) {
        String suffix = String.format("%04d-4000-8000-%012d", 200 + n, 200 + n);
        principals.add(new Principal(name, PrincipalType.ServicePrincipal, "1a2b3c4d-" + suffix, "9e8d7c6b-" + suffix));
    }
}
