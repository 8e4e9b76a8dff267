package io.aoailab.lab.storage;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobAudience;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.lab.topology.StorageSpec;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.Topology.Assignment;
import io.aoailab.lab.topology.Topology.Principal;
import io.aoailab.lab.topology.Topology.PrincipalType;
import io.aoailab.lab.topology.TopologyLoader;
import io.aoailab.testing.ServiceLab;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Request;
import reactor.core.publisher.Mono;

/**
 * Two storage accounts' {@link BlobService}s served over HTTPS on loopback under their Azure host names, reached
 * through {@link HttpClientFactory} with the lab CA trusted and the names pinned — the way the suite reaches the lab.
 * Register it as a static {@code @RegisterExtension} field: one lab per test class, closed by JUnit's store; faults are
 * reset after each test. Tests in a class share the accounts, so each uses containers of its own
 * ({@link #uniqueContainer()}).
 *
 * <ul>
 *   <li>{@value #BYO}: the shipped topology's BYO account, with its seed container {@value #DOCS}.</li>
 *   <li>{@value #OTHER}: a second account, with the container {@value #OTHER_CONTAINER}.</li>
 *   <li>{@value #SMALL}: an account that stores at most {@value #SMALL_CAPACITY} bytes, with the empty container
 *       {@value #SMALL_CONTAINER}; {@code suite-caller} is Storage Blob Data Contributor there too.</li>
 * </ul>
 *
 * Principals: the shipped ones ({@code suite-caller}: Storage Blob Data Contributor on {@value #BYO}; {@value #MINIMUM}:
 * Storage Blob Data Contributor on the container {@value #DOCS} only, as {@code container:stlabbyo/docs};
 * {@code no-storage}: no Storage role; {@code no-role}; {@code contributor-only}: Contributor on the resource group) plus
 * {@value #READER} (Storage Blob Data Reader on {@value #BYO}), {@value #OTHER_WRITER} (Storage Blob Data Contributor
 * on {@value #OTHER} only) and {@value #DOCS_WRITER} (Storage Blob Data Contributor on the container {@value #DOCS}
 * only, written as the container's full ARM id).
 */
final class StorageLab extends ServiceLab<BlobService> {
    static final String BYO = "stlabbyo";
    static final String OTHER = "stlabother";
    static final String DOCS = "docs";
    static final String OTHER_CONTAINER = "reports";
    static final String SMALL = "stlabsmall";
    static final String SMALL_CONTAINER = "small";
    static final long SMALL_CAPACITY = 4096;
    static final String READER = "blob-reader";
    static final String OTHER_WRITER = "other-writer";
    static final String DOCS_WRITER = "docs-writer";
    /** The shipped persona of the reference deployment's design: its Storage role is on the container {@value #DOCS}. */
    static final String MINIMUM = "minimum";
    static final String VERSION = "2026-02-06";
    static final String STORAGE_AUDIENCE = "https://storage.azure.com";

    /** One try: Storage's default retry policy would wait seconds before each of its four tries. */
    private static final RequestRetryOptions NO_RETRY =
            new RequestRetryOptions(RetryPolicyType.FIXED, 1, (Integer) null, (Long) null, (Long) null, null);

    StorageLab() {
        super(Instant.parse("2026-03-02T08:00:00Z"), STORAGE_AUDIENCE, StorageLab::labTopology);
    }

    /** A fresh, valid container name. */
    static String uniqueContainer() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /**
     * The real azure-storage-blob client, with one try only. Its credential acts as Entra does: it mints a token for
     * the audience the SDK's scope names, and records each scope asked for in {@code scopes}.
     */
    BlobServiceClient client(String account, String principal, List<String> scopes, BlobAudience audience) {
        String objectId = objectId(principal);
        TokenCredential credential = request -> {
            String scope = request.getScopes().get(0);
            scopes.add(scope);
            String resource = scope.substring(0, scope.length() - "/.default".length());
            String aud = resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
            return Mono.just(new AccessToken(tokens().mint(objectId, aud), OffsetDateTime.now().plusHours(1)));
        };
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .endpoint(endpoint(account))
                .credential(credential)
                .httpClient(azureHttpClient())
                .retryOptions(NO_RETRY);
        if (audience != null) {
            builder.audience(audience);
        }
        return builder.buildClient();
    }

    BlobServiceClient client(String account, String principal) {
        return client(account, principal, new CopyOnWriteArrayList<>(), null);
    }

    /** A client whose credential hands out {@code token} whatever it is asked for. */
    BlobServiceClient clientWithToken(String account, String token) {
        TokenCredential credential = request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
        return new BlobServiceClientBuilder()
                .endpoint(endpoint(account))
                .credential(credential)
                .httpClient(azureHttpClient())
                .retryOptions(NO_RETRY)
                .buildClient();
    }

    /** A request with {@code suite-caller}'s token and the SDK's {@code x-ms-version}. */
    Request.Builder request(String account, String pathAndQuery) {
        return request(account, pathAndQuery, "suite-caller");
    }

    Request.Builder request(String account, String pathAndQuery, String principal) {
        return new Request.Builder().url(endpoint(account) + pathAndQuery)
                .header("Authorization", "Bearer " + token(principal))
                .header("x-ms-version", VERSION);
    }

    /** Each storage account of the topology, {@value #SMALL} with its small capacity. */
    @Override
    protected Map<String, Hosted<BlobService>> createServices(Shared shared) {
        Topology topology = shared.topology();
        Map<String, Hosted<BlobService>> services = new LinkedHashMap<>();
        for (StorageSpec account : topology.storage()) {
            long capacity = account.name().equals(SMALL) ? SMALL_CAPACITY : BlobService.DEFAULT_CAPACITY_BYTES;
            services.put(account.name(), new Hosted<>(account.blobHostName(), new BlobService(topology, account,
                    shared.tokens(), shared.access(), shared.faults(), shared.clock(), capacity)));
        }
        return services;
    }

    /** The shipped topology's tenant, principals, assignments and BYO account, plus the principals above. */
    private static Topology labTopology() {
        Topology shipped = TopologyLoader.loadDefault();
        List<Principal> principals = new ArrayList<>(shipped.principals());
        principals.add(principal(READER, 101));
        principals.add(principal(OTHER_WRITER, 102));
        principals.add(principal(DOCS_WRITER, 103));
        List<Assignment> assignments = new ArrayList<>(shipped.roleAssignments());
        assignments.add(new Assignment(READER, "Storage Blob Data Reader", "storage:" + BYO));
        assignments.add(new Assignment(OTHER_WRITER, "Storage Blob Data Contributor", "storage:" + OTHER));
        assignments.add(new Assignment("suite-caller", "Storage Blob Data Contributor", "storage:" + SMALL));
        // a container-scoped assignment: the docs container only, as Azure writes its scope (the full ARM id)
        assignments.add(new Assignment(DOCS_WRITER, "Storage Blob Data Contributor",
                shipped.containerScope(shipped.storageAccount(BYO).orElseThrow(), DOCS)));
        List<StorageSpec> storage = new ArrayList<>(shipped.storage());
        storage.add(new StorageSpec(OTHER, List.of(new StorageSpec.Container(OTHER_CONTAINER, List.of(
                new StorageSpec.Blob("q1.txt", "other account", null))))));
        storage.add(new StorageSpec(SMALL, List.of(new StorageSpec.Container(SMALL_CONTAINER, List.of()))));
        return new Topology(shipped.subscriptionId(), shipped.resourceGroup(), shipped.tenant(), principals,
                shipped.defaultCaller(), shipped.accounts(), assignments, null, storage, shipped.search(), shipped.foundry());
    }

    private static Principal principal(String name, int n) {
        String suffix = String.format("%04d-4000-8000-%012d", n, n);
        return new Principal(name, PrincipalType.ServicePrincipal, "1a2b3c4d-" + suffix, "9e8d7c6b-" + suffix);
    }
}
