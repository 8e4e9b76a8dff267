package io.aoailab.lab.openai;

import io.aoailab.lab.search.SearchHit;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code file_search} tool reaches outside the account: the vector store's AI Search index and the BYO
 * storage holding its files. Deliberately credential-free: the account checks its <em>own managed identity's</em>
 * roles with the lab's {@code AccessControl} before calling (docs/azure-facts.md §4.2: the service identity needs Search Index Data
 * Reader and Storage Blob Data Reader), so an implementation only looks things up.
 *
 * <p>{@link ServiceGrounding} implements it over the lab's {@code SearchService}s and {@code BlobService}s.
 */
public interface Grounding {

    /**
     * @param service the search service's name, e.g. {@code srch-aoai-lab}
     * @param index the index, e.g. {@code docs-index}
     * @param query the search text
     * @param top the most hits to return
     * @return hits ordered by score, highest first
     * @throws IllegalArgumentException if there is no such service or index
     */
    List<SearchHit> search(String service, String index, String query, int top);

    /**
     * @param storage the storage account's name, e.g. {@code stlabbyo}
     * @return the blob's text, or empty if the account, container or blob does not exist
     */
    Optional<String> blobText(String storage, String container, String blob);
}
