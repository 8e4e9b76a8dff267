package io.aoailab.lab.topology;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A vector store of an Azure OpenAI account, for the Responses API's {@code file_search} tool: its files live in the
 * BYO storage account, and its retrieval is grounded on an AI Search index. Reaching both is the account's own
 * managed identity's business, so the roles that identity holds decide whether file_search works.
 *
 * @param id the vector store id callers name, e.g. {@code vs_lab_docs}
 * @param storage the storage account holding the files
 * @param container the container holding the files
 * @param search the search service
 * @param index the index the store's retrieval uses
 */
public record VectorStoreSpec(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) String container,
        @JsonProperty(required = true) String search,
        @JsonProperty(required = true) String index) {
}
