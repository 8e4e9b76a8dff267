package io.aoailab.lab.search;

import static io.aoailab.lab.search.SearchLab.ADMIN;
import static io.aoailab.lab.search.SearchLab.API_VERSION;
import static io.aoailab.lab.search.SearchLab.CONTRIBUTOR;
import static io.aoailab.lab.search.SearchLab.DOCS;
import static io.aoailab.lab.search.SearchLab.FAQ;
import static io.aoailab.lab.search.SearchLab.READER;
import static io.aoailab.lab.search.SearchLab.SCRATCH;
import static io.aoailab.lab.search.SearchLab.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.lab.http.LabJson;
import io.aoailab.testing.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Raw HTTP against the lab service: paths, bodies, headers and error texts exactly as Search writes them. */
class SearchServiceWireTest {
    @RegisterExtension
    static final SearchLab LAB = new SearchLab();

    static final String V = "?api-version=" + API_VERSION;
    static final String SEARCH = "/indexes('" + DOCS + "')/docs/search.post.search" + V;
    static final String INDEX_DOCS = "/indexes('" + SCRATCH + "')/docs/search.index" + V;
    static final String NONE = "application/json;odata.metadata=none";

    @Test
    void should_answer_search_with_context_count_and_scored_hits_when_no_accept_is_sent() throws IOException {
        // WHEN
        Answer answer = LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"standard shipping\",\"count\":true,"
                + "\"select\":\"id, title\"}");

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type"))
                .isEqualTo("application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8");
        JsonNode body = LabJson.MAPPER.readTree(answer.bytes());
        assertThat(names(body)).containsExactly("@odata.context", "@odata.count", "value");
        assertThat(body.get("@odata.context").asText())
                .isEqualTo("https://srch-aoai-lab.search.windows.net/indexes('docs-index')/$metadata#docs(*)");
        assertThat(body.get("@odata.count").asLong()).isEqualTo(1);
        JsonNode hit = body.get("value").get(0);
        assertThat(names(hit)).containsExactly("@search.score", "id", "title");
        assertThat(hit.get("@search.score").asDouble()).isPositive();
        assertThat(hit.get("id").asText()).isEqualTo("2");
    }

    @Test
    void should_leave_out_the_context_when_the_caller_accepts_no_metadata() throws IOException {
        // WHEN
        Answer answer = LAB.send(LAB.request(SERVICE, SEARCH).header("Authorization", "Bearer " + LAB.token(READER))
                .header("Accept", NONE).post(RequestBody.create("{\"search\":\"shipping\"}", SearchLab.JSON))
                .build());

        // THEN
        assertThat(answer.header("Content-Type")).isEqualTo("application/json; odata.metadata=none");
        assertThat(names(LabJson.MAPPER.readTree(answer.bytes()))).containsExactly("value");
    }

    @Test
    void should_send_searchs_headers_when_answering_a_search() {
        // GIVEN
        String clientRequestId = UUID.randomUUID().toString();

        // WHEN
        Answer answer = LAB.send(LAB.request(SERVICE, SEARCH).header("Authorization", "Bearer " + LAB.token(READER))
                .header("x-ms-client-request-id", clientRequestId)
                .post(RequestBody.create("{\"search\":\"*\"}", SearchLab.JSON)).build());

        // THEN
        assertThat(answer.header("request-id")).isEqualTo(clientRequestId);
        assertThat(answer.header("OData-Version")).isEqualTo("4.0");
        assertThat(answer.header("Preference-Applied")).isEqualTo("odata.include-annotations=\"*\"");
        assertThat(answer.header("elapsed-time")).matches("\\d+");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(answer.header("Pragma")).isEqualTo("no-cache");
        assertThat(answer.header("Expires")).isEqualTo("-1");
        assertThat(answer.header("Strict-Transport-Security")).isEqualTo("max-age=15724800; includeSubDomains");
    }

    @Test
    void should_mint_a_request_id_when_the_caller_sends_none() {
        // WHEN
        Answer answer = LAB.post(SERVICE, SEARCH, READER, "{}");

        // THEN
        assertThat(answer.header("request-id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void should_serve_the_simple_path_spellings_when_the_rest_docs_forms_are_used() throws IOException {
        // WHEN
        Answer get = LAB.get(SERVICE, "/indexes/" + DOCS + "/docs" + V + "&search=Shipping&$select=id&$count=true",
                READER);
        Answer lookup = LAB.get(SERVICE, "/indexes/" + DOCS + "/docs/1" + V, READER);
        Answer post = LAB.post(SERVICE, "/indexes/" + DOCS + "/docs/search" + V, READER, "{\"search\":\"shipping\"}");

        // THEN
        assertThat(LabJson.MAPPER.readTree(get.bytes()).toString()).isEqualTo("{\"@odata.context\":"
                + "\"https://srch-aoai-lab.search.windows.net/indexes('docs-index')/$metadata#docs(*)\","
                + "\"@odata.count\":1,\"value\":[{\"@search.score\":" + scoreOf(post) + ",\"id\":\"2\"}]}");
        assertThat(LabJson.MAPPER.readTree(lookup.bytes()).get("title").asText()).isEqualTo("Returns policy");
    }

    @Test
    void should_list_index_names_verbatim_when_selecting_name() {
        // WHEN
        Answer answer = LAB.get(SERVICE, "/indexes" + V + "&$select=name", ADMIN);

        // THEN
        assertThat(answer.header("Content-Type"))
                .isEqualTo("application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8");
        assertThat(answer.body()).isEqualTo("{\"@odata.context\":\"https://srch-aoai-lab.search.windows.net/"
                + "$metadata#indexes(name)\",\"value\":[{\"name\":\"docs-index\"},{\"name\":\"faq-index\"},"
                + "{\"name\":\"scratch-index\"},{\"name\":\"scoring-index\"}]}");
    }

    @Test
    void should_answer_an_index_with_its_entity_context_and_etag() throws IOException {
        // WHEN
        Answer answer = LAB.send(LAB.request(SERVICE, "/indexes('" + FAQ + "')" + V)
                .header("Authorization", "Bearer " + LAB.token(ADMIN))
                .header("Accept", "application/json; odata.metadata=minimal").build());

        // THEN
        assertThat(answer.header("Content-Type")).isEqualTo("application/json; odata.metadata=minimal");
        JsonNode body = LabJson.MAPPER.readTree(answer.bytes());
        assertThat(body.get("@odata.context").asText())
                .isEqualTo("https://srch-aoai-lab.search.windows.net/$metadata#indexes/$entity");
        assertThat(answer.header("ETag")).isEqualTo("W/" + body.get("@odata.etag").asText());
    }

    @Test
    void should_count_as_text_after_a_byte_order_mark_when_asked_for_count() {
        // WHEN
        Answer answer = LAB.get(SERVICE, "/indexes('" + FAQ + "')/docs/$count" + V, CONTRIBUTOR);

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("text/plain");
        assertThat(answer.bytes()).containsExactly(0xEF, 0xBB, 0xBF, '2');
        assertThat(answer.header("OData-Version")).isEqualTo("4.0");
    }

    @Test
    void should_answer_404_without_body_or_odata_headers_when_the_document_is_unknown() {
        // WHEN
        Answer answer = LAB.get(SERVICE, "/indexes('" + DOCS + "')/docs('nope')" + V, READER);

        // THEN
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.bytes()).isEmpty();
        assertThat(answer.header("Content-Type")).isNull();
        assertThat(answer.header("OData-Version")).isNull();
        assertThat(answer.header("request-id")).isNotBlank();
    }

    @Test
    void should_unquote_a_doubled_quote_in_the_key_when_looking_up() {
        // GIVEN
        LAB.post(SERVICE, INDEX_DOCS, CONTRIBUTOR, "{\"value\":[{\"id\":\"o'neil\",\"title\":\"Quoted\"}]}");

        // WHEN
        Answer answer = LAB.get(SERVICE, "/indexes('" + SCRATCH + "')/docs('o''neil')" + V + "&$select=title",
                CONTRIBUTOR);

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"@odata.context\":\"https://srch-aoai-lab.search.windows.net/"
                + "indexes('scratch-index')/$metadata#docs(*)/$entity\",\"title\":\"Quoted\"}");
    }

    @Test
    void should_answer_404_with_searchs_text_when_the_index_is_unknown() {
        // WHEN
        Answer answer = LAB.post(SERVICE, "/indexes('missing')/docs/search.post.search" + V, CONTRIBUTOR, "{}");

        // THEN
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"\",\"message\":\"The index 'missing' for service "
                + "'srch-aoai-lab' was not found.\"}}");
    }

    @Test
    void should_answer_400_when_the_api_version_is_missing_or_unsupported() {
        // WHEN
        Answer missing = LAB.post(SERVICE, "/indexes('" + DOCS + "')/docs/search.post.search", READER, "{}");
        Answer preview = LAB.post(SERVICE, "/indexes('" + DOCS + "')/docs/search.post.search?api-version=2099-01-01",
                READER, "{}");
        Answer unpublished = LAB.post(SERVICE, "/indexes('" + DOCS + "')/docs/search.post.search?api-version=2026-04-02",
                READER, "{}");

        // THEN
        String expected = "{\"error\":{\"code\":\"\",\"message\":\"Invalid or missing api-version query string "
                + "parameter.\"}}";
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo(expected);
        assertThat(preview.status()).isEqualTo(400);
        assertThat(preview.body()).isEqualTo(expected);
        assertThat(unpublished.status()).isEqualTo(400);
        assertThat(unpublished.body()).isEqualTo(expected);
    }

    @Test
    void should_serve_every_ga_api_version_the_java_and_javascript_sdks_send() {
        // WHEN the Java SDK's versions, and 2026-04-01, the default of @azure/search-documents 13.x
        List<Integer> statuses = new ArrayList<>();
        for (String version : List.of("2020-06-30", "2023-11-01", "2024-07-01", "2025-09-01", "2026-04-01")) {
            statuses.add(LAB.get(SERVICE, "/indexes('" + DOCS + "')/docs/$count?api-version=" + version, READER)
                    .status());
        }

        // THEN
        assertThat(statuses).containsOnly(200);
    }

    @Test
    void should_answer_searchs_filter_error_when_the_filter_is_malformed() {
        // WHEN
        Answer answer = LAB.post(SERVICE, SEARCH, READER, "{\"filter\":\"title eq 'Shipping' title eq 'x'\"}");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"\",\"message\":\"Invalid expression: Syntax error "
                + "at position 20 in 'title eq 'Shipping' title eq 'x''.\\r\\nParameter name: $filter\"}}");
    }

    @Test
    void should_answer_searchs_unknown_property_error_when_the_filter_names_no_field() {
        // WHEN
        Answer answer = LAB.post(SERVICE, SEARCH, READER, "{\"filter\":\"author eq 'me'\"}");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"\",\"message\":\"Invalid expression: Could not "
                + "find a property named 'author' on type 'search.document'.\\r\\nParameter name: $filter\"}}");
    }

    @Test
    void should_answer_the_select_error_when_select_names_no_field() {
        // WHEN
        Answer answer = LAB.post(SERVICE, SEARCH, READER, "{\"select\":\"id,url\"}");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"\",\"message\":\"Invalid expression: Could not "
                + "find a property named 'url' on type 'search.document'.\\r\\nParameter name: $select\"}}");
    }

    @Test
    void should_refuse_the_batch_with_searchs_text_when_a_document_has_an_unknown_field() {
        // WHEN
        Answer answer = LAB.post(SERVICE, INDEX_DOCS, CONTRIBUTOR, "{\"value\":[{\"id\":\"u1\",\"author\":\"me\"}]}");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"\",\"message\":\"The request is invalid. Details: "
                + "The property 'author' does not exist on type 'search.documentFields' or is not present in the API "
                + "version '2025-09-01'. Make sure to only use property names that are defined by the type.\"}}");
        assertThat(LAB.get(SERVICE, "/indexes('" + SCRATCH + "')/docs('u1')" + V, CONTRIBUTOR).status())
                .isEqualTo(404);
    }

    @Test
    void should_answer_207_with_per_document_results_when_a_merge_misses() {
        // WHEN
        Answer answer = LAB.post(SERVICE, INDEX_DOCS, CONTRIBUTOR, "{\"value\":["
                + "{\"@search.action\":\"upload\",\"id\":\"m1\",\"title\":\"new\"},"
                + "{\"@search.action\":\"merge\",\"id\":\"ghost\",\"title\":\"x\"},"
                + "{\"@search.action\":\"mergeOrUpload\",\"id\":\"m1\",\"content\":\"more\"},"
                + "{\"@search.action\":\"delete\",\"id\":\"never\"}]}");

        // THEN
        assertThat(answer.status()).isEqualTo(207);
        assertThat(answer.body()).isEqualTo("{\"value\":["
                + "{\"key\":\"m1\",\"status\":true,\"errorMessage\":null,\"statusCode\":201},"
                + "{\"key\":\"ghost\",\"status\":false,\"errorMessage\":\"Document not found.\",\"statusCode\":404},"
                + "{\"key\":\"m1\",\"status\":true,\"errorMessage\":null,\"statusCode\":200},"
                + "{\"key\":\"never\",\"status\":true,\"errorMessage\":null,\"statusCode\":200}]}");
    }

    @Test
    void should_refuse_with_a_lab_400_when_a_parameter_is_not_implemented() {
        // WHEN
        Answer answer = LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"*\",\"orderby\":\"title desc\"}");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("does not support 'orderby'");
    }

    @Test
    void should_answer_404_for_an_unknown_path_and_405_for_a_wrong_method() {
        // WHEN
        Answer unknown = LAB.get(SERVICE, "/servicestats" + V, ADMIN);
        Answer wrongMethod = LAB.get(SERVICE, "/indexes('" + DOCS + "')/docs/search.index" + V, CONTRIBUTOR);

        // THEN
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    @Test
    void should_answer_400_when_the_body_is_not_json() {
        // WHEN
        Answer answer = LAB.post(SERVICE, SEARCH, READER, "{not json");

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).startsWith("{\"error\":{\"code\":\"\",\"message\":\"The request is invalid.");
    }

    private static String scoreOf(Answer answer) throws IOException {
        return LabJson.MAPPER.readTree(answer.bytes()).get("value").get(0).get("@search.score").toString();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
