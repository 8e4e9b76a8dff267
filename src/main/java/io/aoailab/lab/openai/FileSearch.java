package io.aoailab.lab.openai;

import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.search.SearchHit;
import io.aoailab.lab.topology.SearchSpec;
import io.aoailab.lab.topology.StorageSpec;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.Topology.Account;
import io.aoailab.lab.topology.VectorStoreSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Responses API's {@code file_search} tool on one account: who may use it, and what it finds.
 *
 * <p><b>Order of checks</b>, each failing the whole create: (1) the <em>caller</em> holds {@link #VECTOR_STORE_READ} at
 * the account (else 401 PermissionDenied, docs/azure-facts.md §3.4 — key callers are not principals and skip it); (2) every vector store
 * exists in the account (else 404); (3) the <em>account's managed identity</em> holds {@link #INDEX_DOCUMENTS_READ} on
 * each store's index and {@link #BLOB_READ} on its container (else 400, see
 * {@link AzureErrors#groundingAccessDenied}). The identity, not the caller, is checked downstream because Azure OpenAI
 * reaches BYO storage and search as itself (§4.2: "the service identity needs them").
 *
 * <p><b>Retrieval</b>: the index of every store is searched with the lab model's query for the last user input
 * ({@link SearchQuery}), hits are merged by score and cut to the
 * tool's {@code max_num_results} (default {@value FileSearchTool#DEFAULT_RESULTS}); the top hit's file is read from
 * its {@code source} blob URL, the others keep the index's {@code content}.
 */
final class FileSearch {
    /**
     * The data action for using a vector store. INFERRED: docs/azure-facts.md §4.2 places vector-store actions under the Assistants
     * tree ({@code …/OpenAI/assistants/vector_stores/files/write} is OBSERVED-3P); the {@code read} action for using
     * one is the lab's choice. Cognitive Services OpenAI User grants it through {@code OpenAI/assistants/*}.
     */
    static final String VECTOR_STORE_READ = "Microsoft.CognitiveServices/accounts/OpenAI/assistants/vector_stores/read";
    /** Search Index Data Reader's data action (docs/azure-facts.md §4.1, PRIMARY). */
    static final String INDEX_DOCUMENTS_READ = "Microsoft.Search/searchServices/indexes/documents/read";
    /** Storage Blob Data Reader's data action (docs/azure-facts.md §4.1, PRIMARY). */
    static final String BLOB_READ = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";

    private static final Pattern BLOB_URL =
            Pattern.compile("https://([a-z0-9]+)\\.blob\\.core\\.windows\\.net/([^/?#]+)/([^?#]+)");

    private final Topology topology;
    private final Account account;
    private final String accountScope;
    private final AccessControl access;
    private final Grounding grounding;

    FileSearch(Topology topology, Account account, AccessControl access, Grounding grounding) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.account = Objects.requireNonNull(account, "account");
        this.accountScope = topology.accountScope(account);
        this.access = Objects.requireNonNull(access, "access");
        this.grounding = Objects.requireNonNull(grounding, "grounding");
    }

    /**
     * @param caller the calling principal's object id; empty for an account key
     * @param routeTemplate e.g. {@code POST /openai/responses}, as PermissionDenied names it
     * @param input the last user input, which the search query is written from
     * @param requestId the request's id, which On Your Data-style errors carry
     */
    Retrieval run(FileSearchTool tool, Optional<String> caller, String routeTemplate, String input, String requestId)
            throws FileSearchRefused {
        if (caller.isPresent() && !access.permits(caller.get(), accountScope, VECTOR_STORE_READ)) {
            throw new FileSearchRefused(AzureErrors.permissionDenied(caller.get(), VECTOR_STORE_READ, routeTemplate));
        }
        List<VectorStoreSpec> stores = new ArrayList<>();
        for (String id : tool.vectorStoreIds()) {
            stores.add(account.vectorStore(id).orElseThrow(
                    () -> new FileSearchRefused(AzureErrors.vectorStoreNotFound(id, "tools"))));
        }
        for (VectorStoreSpec store : stores) {
            String identity = identity(store, requestId);
            requireIndexRead(identity, store, requestId);
            requireBlobRead(identity, store, store.storage(), store.container(), requestId);
        }
        String query = SearchQuery.of(input);
        List<Found> found = new ArrayList<>();
        for (VectorStoreSpec store : stores) {
            grounding.search(store.search(), store.index(), query, tool.top())
                    .forEach(hit -> found.add(new Found(store, hit)));
        }
        found.sort(Comparator.comparingDouble((Found f) -> f.hit().score()).reversed());
        List<Retrieval.Result> results = new ArrayList<>();
        for (Found f : found.subList(0, Math.min(tool.top(), found.size()))) {
            results.add(result(f, results.isEmpty(), requestId));
        }
        return new Retrieval(Ids.fileSearchCall(), query, results);
    }

    /** The object id of the account's managed identity (the topology names a ManagedIdentity principal). */
    private String identity(VectorStoreSpec store, String requestId) throws FileSearchRefused {
        Optional<String> objectId = account.managedIdentity().flatMap(topology::principal)
                .map(Topology.Principal::objectId);
        if (objectId.isEmpty()) {
            throw new FileSearchRefused(AzureErrors.noManagedIdentity(requestId, store.id()));
        }
        return objectId.get();
    }

    private void requireIndexRead(String identity, VectorStoreSpec store, String requestId) throws FileSearchRefused {
        SearchSpec service = topology.searchService(store.search()).orElseThrow(() -> new IllegalStateException(
                "vector store " + store.id() + " names search service " + store.search() + ", not in the topology"));
        String indexScope = topology.indexScope(service, store.index());
        if (!access.permits(identity, indexScope, INDEX_DOCUMENTS_READ)) {
            // what Search answers a token without the role (the On Your Data capture, see AzureErrors)
            String downstream = "Azure Search Error: 403, message='Server responded with status 403. Error message: "
                    + "{\"error\":{\"code\":\"\",\"message\":\"Authorization failed.\"}}', url='https://"
                    + service.hostName() + "/indexes('" + store.index() + "')/docs/search.post.search'";
            throw new FileSearchRefused(AzureErrors.groundingAccessDenied(requestId, store.id(), identity,
                    INDEX_DOCUMENTS_READ, indexScope, downstream));
        }
    }

    private void requireBlobRead(String identity, VectorStoreSpec store, String storageName, String container,
            String requestId) throws FileSearchRefused {
        StorageSpec storage = topology.storageAccount(storageName).orElseThrow(() -> new IllegalStateException(
                "vector store " + store.id() + " names storage account " + storageName + ", not in the topology"));
        String containerScope = topology.containerScope(storage, container);
        if (!access.permits(identity, containerScope, BLOB_READ)) {
            // Storage's 403 for a token whose principal lacks the data role
            String downstream = "Azure Blob Storage Error: 403, AuthorizationPermissionMismatch: This request is not "
                    + "authorized to perform this operation using this permission.";
            throw new FileSearchRefused(AzureErrors.groundingAccessDenied(requestId, store.id(), identity, BLOB_READ,
                    containerScope, downstream));
        }
    }

    /** The top hit's text is its file's, read as the identity; the others keep what the index holds. */
    private Retrieval.Result result(Found found, boolean top, String requestId) throws FileSearchRefused {
        SearchHit hit = found.hit();
        String content = hit.document().getOrDefault("content", "");
        String source = hit.document().get("source");
        Matcher blob = source == null ? null : BLOB_URL.matcher(source);
        if (blob == null || !blob.matches()) {
            String name = hit.document().getOrDefault("title", hit.key());
            return new Retrieval.Result(Ids.file(found.store().id() + "/" + hit.key()), name, hit.score(), content);
        }
        String blobName = URLDecoder.decode(blob.group(3), StandardCharsets.UTF_8);
        String filename = blobName.substring(blobName.lastIndexOf('/') + 1);
        String text = content;
        if (top) {
            String storage = blob.group(1);
            String container = URLDecoder.decode(blob.group(2), StandardCharsets.UTF_8);
            boolean elsewhere = !storage.equals(found.store().storage()) || !container.equals(found.store().container());
            if (elsewhere && topology.storageAccount(storage).isEmpty()) {
                return new Retrieval.Result(Ids.file(source), filename, hit.score(), content); // not the lab's storage
            }
            if (elsewhere) {
                // a source outside the store's own container: the identity must be able to read it too
                requireBlobRead(identity(found.store(), requestId), found.store(), storage, container, requestId);
            }
            text = grounding.blobText(storage, container, blobName).orElse(content);
        }
        return new Retrieval.Result(Ids.file(source), filename, hit.score(), text);
    }

    private record Found(VectorStoreSpec store, SearchHit hit) {
    }
}
