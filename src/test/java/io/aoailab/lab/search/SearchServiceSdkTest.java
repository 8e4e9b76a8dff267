package io.aoailab.lab.search;

import static io.aoailab.lab.search.SearchLab.ADMIN;
import static io.aoailab.lab.search.SearchLab.CONTRIBUTOR;
import static io.aoailab.lab.search.SearchLab.DOCS;
import static io.aoailab.lab.search.SearchLab.FAQ;
import static io.aoailab.lab.search.SearchLab.MINIMUM;
import static io.aoailab.lab.search.SearchLab.READER;
import static io.aoailab.lab.search.SearchLab.SCORING;
import static io.aoailab.lab.search.SearchLab.SCRATCH;
import static io.aoailab.lab.search.SearchLab.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.util.Context;
import com.azure.search.documents.SearchClient;
import com.azure.search.documents.SearchDocument;
import com.azure.search.documents.indexes.models.SearchField;
import com.azure.search.documents.indexes.models.SearchFieldDataType;
import com.azure.search.documents.indexes.models.SearchIndex;
import com.azure.search.documents.models.IndexDocumentsResult;
import com.azure.search.documents.models.IndexingResult;
import com.azure.search.documents.models.SearchOptions;
import com.azure.search.documents.models.SearchResult;
import com.azure.search.documents.util.SearchPagedIterable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real azure-search-documents 11.8.1 clients against the lab service, over HTTPS, with Entra tokens. */
class SearchServiceSdkTest {
    @RegisterExtension
    static final SearchLab LAB = new SearchLab();

    @Test
    void should_ask_the_credential_for_the_search_scope_when_the_sdk_uses_a_token() {
        // WHEN
        LAB.client(SERVICE, DOCS, READER).getDocumentCount();

        // THEN
        assertThat(LAB.requestedScopes()).containsOnly(SearchService.SCOPE).contains("https://search.azure.com/.default");
        assertThat(LAB.tokens().askedAudiences()).containsOnly(SearchService.AUDIENCE);
    }

    @Test
    void should_list_index_names_when_a_search_service_contributor_asks() {
        // WHEN
        List<String> names = LAB.indexClient(SERVICE, ADMIN).listIndexNames().stream().toList();

        // THEN
        assertThat(names).containsExactly(DOCS, FAQ, SCRATCH, SCORING);
    }

    @Test
    void should_list_index_definitions_the_sdk_reads_when_a_search_service_contributor_asks() {
        // WHEN
        List<SearchIndex> indexes = LAB.indexClient(SERVICE, ADMIN).listIndexes().stream().toList();

        // THEN
        SearchIndex docs = indexes.get(0);
        assertThat(docs.getName()).isEqualTo(DOCS);
        assertThat(docs.getETag()).matches("\"0x[0-9A-F]+\"");
        assertThat(docs.getFields()).extracting(SearchField::getName).containsExactly("id", "content", "source", "title");
        SearchField key = docs.getFields().get(0);
        assertThat(key.isKey()).isTrue();
        assertThat(key.isSearchable()).isFalse();
        assertThat(docs.getFields()).allSatisfy(f -> assertThat(f.getType()).isEqualTo(SearchFieldDataType.STRING));
        assertThat(docs.getFields().subList(1, 4)).allSatisfy(f -> assertThat(f.isSearchable()).isTrue());
    }

    @Test
    void should_get_an_index_definition_when_a_search_service_contributor_asks() {
        // WHEN
        SearchIndex faq = LAB.indexClient(SERVICE, ADMIN).getIndex(FAQ);

        // THEN
        assertThat(faq.getName()).isEqualTo(FAQ);
        assertThat(faq.getFields()).extracting(SearchField::getName).containsExactly("id", "answer", "question");
    }

    @Test
    void should_find_the_matching_document_first_when_searching_as_a_reader() {
        // GIVEN
        SearchClient client = LAB.client(SERVICE, DOCS, READER);

        // WHEN
        List<SearchResult> results = client.search("refunds receipt").stream().toList();

        // THEN
        assertThat(results).hasSize(1);
        assertThat(results.get(0).getScore()).isPositive();
        SearchDocument document = results.get(0).getDocument(SearchDocument.class);
        assertThat(document).containsEntry("id", "1").containsEntry("title", "Returns policy");
    }

    @Test
    void should_search_its_index_but_neither_another_nor_the_index_list_when_the_reader_is_scoped_to_one_index() {
        // GIVEN the shipped minimum persona: Search Index Data Reader at index:srch-aoai-lab/docs-index
        SearchClient docs = LAB.client(SERVICE, DOCS, MINIMUM);

        // WHEN
        List<SearchResult> results = docs.search("refunds receipt").stream().toList();
        HttpResponseException other = catchThrowableOfType(HttpResponseException.class,
                () -> LAB.client(SERVICE, FAQ, MINIMUM).search("returns").stream().toList());
        HttpResponseException list = catchThrowableOfType(HttpResponseException.class,
                () -> LAB.indexClient(SERVICE, MINIMUM).listIndexNames().stream().toList());

        // THEN
        assertThat(results).extracting(r -> r.getDocument(SearchDocument.class).get("id")).containsExactly("1");
        assertThat(docs.getDocumentCount()).isEqualTo(2);
        assertThat(other.getResponse().getStatusCode()).isEqualTo(403);
        assertThat(list.getResponse().getStatusCode()).isEqualTo(403);
    }

    @Test
    void should_return_count_selected_fields_and_filtered_hits_when_search_options_ask() {
        // GIVEN
        SearchOptions options = new SearchOptions().setIncludeTotalCount(true).setFilter("title eq 'Shipping'")
                .setSelect("id", "title");

        // WHEN
        SearchPagedIterable results = LAB.client(SERVICE, DOCS, READER).search("*", options, Context.NONE);

        // THEN
        assertThat(results.getTotalCount()).isEqualTo(1L);
        List<SearchDocument> documents = results.stream().map(r -> r.getDocument(SearchDocument.class)).toList();
        assertThat(documents).containsExactly(new SearchDocument(Map.of("id", "2", "title", "Shipping")));
    }

    @Test
    void should_order_hits_by_score_when_searching_through_the_sdk() {
        // WHEN
        List<SearchResult> results = LAB.client(SERVICE, SCORING, READER).search("apple").stream().toList();

        // THEN
        assertThat(results).extracting(r -> r.getDocument(SearchDocument.class).get("id")).containsExactly("d", "b", "a");
        assertThat(results).extracting(SearchResult::getScore).isSortedAccordingTo((x, y) -> Double.compare(y, x));
    }

    @Test
    void should_get_a_document_when_looked_up_by_key() {
        // WHEN
        SearchDocument document = LAB.client(SERVICE, DOCS, READER).getDocument("2", SearchDocument.class);

        // THEN
        assertThat(document).containsEntry("id", "2").containsEntry("title", "Shipping")
                .containsEntry("source", "https://stlabbyo.blob.core.windows.net/docs/shipping.md");
    }

    @Test
    void should_throw_resource_not_found_when_the_key_is_unknown() {
        // WHEN
        ResourceNotFoundException thrown = catchThrowableOfType(ResourceNotFoundException.class,
                () -> LAB.client(SERVICE, DOCS, READER).getDocument("nope", SearchDocument.class));

        // THEN
        assertThat(thrown.getResponse().getStatusCode()).isEqualTo(404);
    }

    @Test
    void should_count_documents_when_the_sdk_reads_the_byte_order_marked_count() {
        // WHEN
        long count = LAB.client(SERVICE, FAQ, CONTRIBUTOR).getDocumentCount();

        // THEN
        assertThat(count).isEqualTo(2);
    }

    @Test
    void should_upload_then_serve_documents_when_a_data_contributor_indexes() {
        // GIVEN
        SearchClient client = LAB.client(SERVICE, SCRATCH, CONTRIBUTOR);
        SearchDocument document = new SearchDocument(Map.of("id", "sdk-1", "title", "Uploaded", "content",
                "Zanzibar peppercorns"));

        // WHEN
        IndexDocumentsResult first = client.uploadDocuments(List.of(document));
        IndexDocumentsResult again = client.uploadDocuments(List.of(document));

        // THEN
        assertThat(first.getResults()).extracting(IndexingResult::getKey, IndexingResult::isSucceeded,
                IndexingResult::getStatusCode).containsExactly(org.assertj.core.groups.Tuple.tuple("sdk-1", true, 201));
        assertThat(again.getResults().get(0).getStatusCode()).isEqualTo(200);
        assertThat(client.getDocument("sdk-1", SearchDocument.class)).containsEntry("content", "Zanzibar peppercorns");
        assertThat(client.search("zanzibar").stream().map(r -> r.getDocument(SearchDocument.class).get("id"))
                .collect(Collectors.toList())).containsExactly("sdk-1");
    }

    @Test
    void should_merge_and_delete_documents_when_a_data_contributor_indexes() {
        // GIVEN
        SearchClient client = LAB.client(SERVICE, SCRATCH, CONTRIBUTOR);
        client.uploadDocuments(List.of(new SearchDocument(Map.of("id", "sdk-2", "title", "Before"))));

        // WHEN
        client.mergeDocuments(List.of(new SearchDocument(Map.of("id", "sdk-2", "title", "After"))));
        SearchDocument merged = client.getDocument("sdk-2", SearchDocument.class);
        client.deleteDocuments(List.of(new SearchDocument(Map.of("id", "sdk-2"))));

        // THEN
        assertThat(merged).containsEntry("title", "After");
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.getDocument("sdk-2", SearchDocument.class))).isNotNull();
    }

    @Test
    void should_refuse_with_403_authorization_failed_when_the_principal_has_no_role() {
        // WHEN
        HttpResponseException thrown = catchThrowableOfType(HttpResponseException.class,
                () -> LAB.client(SERVICE, DOCS, SearchLab.NO_ROLE).search("returns").stream().toList());

        // THEN
        assertThat(thrown.getResponse().getStatusCode()).isEqualTo(403);
        assertThat(thrown.getMessage()).contains("Authorization failed.");
    }

    @Test
    void should_refuse_uploads_with_403_when_the_principal_only_reads() {
        // GIVEN
        SearchClient client = LAB.client(SERVICE, SCRATCH, READER);

        // WHEN
        HttpResponseException thrown = catchThrowableOfType(HttpResponseException.class,
                () -> client.uploadDocuments(List.of(new SearchDocument(Map.of("id", "nope", "title", "No")))));

        // THEN
        assertThat(thrown.getResponse().getStatusCode()).isEqualTo(403);
        assertThat(client.search("*").stream().map(r -> r.getDocument(SearchDocument.class).get("id")).toList())
                .doesNotContain("nope");
    }

    @Test
    void should_refuse_listing_indexes_with_403_when_the_principal_has_only_data_roles() {
        // WHEN data-plane roles read documents, not definitions (search-security-rbac.md)
        HttpResponseException thrown = catchThrowableOfType(HttpResponseException.class,
                () -> LAB.indexClient(SERVICE, CONTRIBUTOR).listIndexNames().stream().toList());

        // THEN
        assertThat(thrown.getResponse().getStatusCode()).isEqualTo(403);
    }

    @Test
    void should_refuse_searching_with_403_when_the_principal_only_manages_the_service() {
        // WHEN
        HttpResponseException thrown = catchThrowableOfType(HttpResponseException.class,
                () -> LAB.client(SERVICE, DOCS, ADMIN).search("returns").stream().toList());

        // THEN
        assertThat(thrown.getResponse().getStatusCode()).isEqualTo(403);
    }
}
