package io.aoailab.lab.openai;

import io.aoailab.lab.search.SearchHit;
import io.aoailab.lab.search.SearchService;
import io.aoailab.lab.storage.BlobService;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link Grounding} over the lab's own Search and Blob services, found by name. Calls their in-process,
 * credential-free read methods; the account has already checked its identity's roles.
 */
public final class ServiceGrounding implements Grounding {
    private final Map<String, SearchService> searches;
    private final Map<String, BlobService> storage;

    /**
     * @param searches the lab's search services
     * @param storage the lab's storage accounts' blob services
     */
    public ServiceGrounding(Collection<SearchService> searches, Collection<BlobService> storage) {
        this.searches = searches.stream().collect(Collectors.toUnmodifiableMap(s -> s.spec().name(),
                Function.identity()));
        this.storage = storage.stream().collect(Collectors.toUnmodifiableMap(b -> b.account().name(),
                Function.identity()));
    }

    @Override
    public List<SearchHit> search(String service, String index, String query, int top) {
        SearchService found = searches.get(service);
        if (found == null) {
            throw new IllegalArgumentException("The lab has no search service '" + service + "'; it has "
                    + searches.keySet());
        }
        return found.search(index, query, top);
    }

    @Override
    public Optional<String> blobText(String storageAccount, String container, String blob) {
        BlobService found = storage.get(storageAccount);
        return found == null ? Optional.empty() : found.readText(container, blob);
    }
}
