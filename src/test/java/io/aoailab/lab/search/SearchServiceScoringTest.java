package io.aoailab.lab.search;

import static io.aoailab.lab.search.SearchLab.API_VERSION;
import static io.aoailab.lab.search.SearchLab.READER;
import static io.aoailab.lab.search.SearchLab.SCORING;
import static io.aoailab.lab.search.SearchLab.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.lab.http.LabJson;
import io.aoailab.testing.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * BM25 as {@link Ranker} documents it, checked against numbers worked out by hand for the scoring index: five documents
 * in one searchable field {@code text} — a "apple banana" (2 tokens), b "apple apple apple cherry date elderberry fig"
 * (7), c "banana cherry" (2), d "Apple" (1), e "CHERRY, banana!" (2) — so N = 5 and avgLen = 14 / 5 = 2.8.
 */
class SearchServiceScoringTest {
    @RegisterExtension
    static final SearchLab LAB = new SearchLab();

    static final String SEARCH = "/indexes('" + SCORING + "')/docs/search.post.search?api-version=" + API_VERSION;
    /** "apple", "banana" and "cherry" each occur in 3 of the 5 documents. */
    static final double IDF_3_OF_5 = Math.log(1 + (5 - 3 + 0.5) / (3 + 0.5));

    @Test
    void should_score_by_bm25_when_term_frequency_and_length_differ() throws IOException {
        // GIVEN k1 = 1.2, b = 0.75
        double d = IDF_3_OF_5 * 1 * 2.2 / (1 + 1.2 * (1 - 0.75 + 0.75 * 1 / 2.8));
        double b = IDF_3_OF_5 * 3 * 2.2 / (3 + 1.2 * (1 - 0.75 + 0.75 * 7 / 2.8));
        double a = IDF_3_OF_5 * 1 * 2.2 / (1 + 1.2 * (1 - 0.75 + 0.75 * 2 / 2.8));

        // WHEN
        List<Hit> hits = hits(LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"apple\"}"));

        // THEN the short document wins, three occurrences beat one in a document of similar weight
        assertThat(hits).extracting(Hit::key).containsExactly("d", "b", "a");
        assertThat(hits.get(0).score()).isCloseTo(d, within(1e-12));
        assertThat(hits.get(1).score()).isCloseTo(b, within(1e-12));
        assertThat(hits.get(2).score()).isCloseTo(a, within(1e-12));
    }

    @Test
    void should_match_case_insensitively_and_order_ties_by_key_when_scores_are_equal() throws IOException {
        // WHEN "banana" is in a, c and e, each two tokens long
        List<Hit> hits = hits(LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"BANANA\"}"));

        // THEN
        assertThat(hits).extracting(Hit::key).containsExactly("a", "c", "e");
        assertThat(hits).extracting(Hit::score).containsOnly(hits.get(0).score());
        assertThat(hits.get(0).score()).isCloseTo(IDF_3_OF_5 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 2 / 2.8)),
                within(1e-12));
    }

    @Test
    void should_sum_over_terms_and_require_every_term_when_search_mode_is_all() throws IOException {
        // GIVEN only b has both apple and cherry
        double apple = IDF_3_OF_5 * 3 * 2.2 / (3 + 1.2 * (0.25 + 0.75 * 7 / 2.8));
        double cherry = IDF_3_OF_5 * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 7 / 2.8));

        // WHEN
        List<Hit> all = hits(LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"apple cherry\",\"searchMode\":\"all\"}"));
        List<Hit> any = hits(LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"apple cherry\"}"));

        // THEN
        assertThat(all).extracting(Hit::key).containsExactly("b");
        assertThat(all.get(0).score()).isCloseTo(apple + cherry, within(1e-12));
        assertThat(any).extracting(Hit::key).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(any.get(0).key()).isEqualTo("b");
    }

    @Test
    void should_score_every_document_one_when_searching_for_everything() throws IOException {
        // WHEN
        List<Hit> hits = hits(LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"*\",\"top\":3,\"skip\":1}"));

        // THEN
        assertThat(hits).extracting(Hit::key).containsExactly("b", "c", "d");
        assertThat(hits).extracting(Hit::score).containsOnly(1.0);
    }

    @Test
    void should_find_nothing_when_no_term_occurs() throws IOException {
        // WHEN
        List<Hit> hits = hits(LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"kiwi\",\"count\":true}"));

        // THEN
        assertThat(hits).isEmpty();
    }

    @Test
    void should_keep_idf_over_the_whole_index_when_a_filter_narrows_the_hits() throws IOException {
        // WHEN
        List<Hit> filtered = hits(LAB.post(SERVICE, SEARCH, READER,
                "{\"search\":\"apple\",\"filter\":\"id eq 'a' or id eq 'zzz'\"}"));

        // THEN
        assertThat(filtered).extracting(Hit::key).containsExactly("a");
        assertThat(filtered.get(0).score()).isCloseTo(IDF_3_OF_5 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 2 / 2.8)),
                within(1e-12));
    }

    @Test
    void should_answer_byte_identical_bodies_when_the_same_query_is_repeated() {
        // WHEN
        Answer first = LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"apple cherry banana\"}");
        Answer second = LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"apple cherry banana\"}");

        // THEN
        assertThat(second.bytes()).isEqualTo(first.bytes());
    }

    @Test
    void should_give_the_same_hits_and_scores_when_file_search_calls_the_service_directly() throws IOException {
        // GIVEN
        List<Hit> wire = hits(LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"apple\",\"top\":2}"));

        // WHEN
        List<SearchHit> direct = LAB.service(SERVICE).search(SCORING, "apple", 2);

        // THEN
        assertThat(direct).extracting(SearchHit::key).containsExactly("d", "b");
        assertThat(direct).extracting(SearchHit::score).containsExactly(wire.get(0).score(), wire.get(1).score());
        assertThat(direct.get(0).document()).isEqualTo(Map.of("id", "d", "text", "Apple"));
    }

    @Test
    void should_refuse_an_unknown_index_when_called_directly() {
        assertThatThrownBy(() -> LAB.service(SERVICE).search("nope", "apple", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
    }

    @Test
    void should_scope_the_search_to_search_fields_when_they_are_given() throws IOException {
        // WHEN the key field is not searchable, "text" is
        Answer onKey = LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"a\",\"searchFields\":\"id\"}");
        List<Hit> onText = hits(LAB.post(SERVICE, SEARCH, READER, "{\"search\":\"fig\",\"searchFields\":\"text\"}"));

        // THEN
        assertThat(onKey.status()).isEqualTo(400);
        assertThat(onText).extracting(Hit::key).containsExactly("b");
    }

    private static List<Hit> hits(Answer answer) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : LabJson.MAPPER.readTree(answer.bytes()).get("value")) {
            hits.add(new Hit(hit.get("id").asText(), hit.get("@search.score").asDouble()));
        }
        return hits;
    }

    private record Hit(String key, double score) {
    }
}
