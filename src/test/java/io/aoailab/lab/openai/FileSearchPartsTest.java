package io.aoailab.lab.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The deterministic pieces of file_search: the lab model's query and its grounded reply. */
class FileSearchPartsTest {

    @Test
    void should_keep_keywords_with_their_plurals_when_writing_the_search_query() {
        assertThat(SearchQuery.of("How long do I have to return an item?"))
                .isEqualTo("long longs return returns item items");
    }

    @Test
    void should_search_with_the_input_itself_when_it_has_no_keywords() {
        assertThat(SearchQuery.of(" How do I? ")).isEqualTo("How do I?");
    }

    @Test
    void should_quote_the_first_sentence_without_the_heading_when_grounding_a_reply() {
        assertThat(GroundedReply.firstSentence("# Returns policy\nItems can be returned within 30 days.\nRefunds go back."))
                .isEqualTo("Items can be returned within 30 days.");
    }

    @Test
    void should_cite_the_top_file_at_the_end_of_the_quote_when_something_was_found() {
        // GIVEN
        Retrieval retrieval = new Retrieval("fs_1", "q", List.of(
                new Retrieval.Result("assistant-a", "a.md", 2.0, "Alpha first. Alpha second."),
                new Retrieval.Result("assistant-b", "b.md", 1.0, "Beta.")));

        // WHEN
        GroundedReply reply = GroundedReply.of("gpt-4o in East US, turn 1.", retrieval);

        // THEN
        assertThat(reply.text()).isEqualTo("gpt-4o in East US, turn 1. According to a.md: \"Alpha first.\"");
        assertThat(reply.citationIndex()).isEqualTo(reply.text().length());
    }

    @Test
    void should_cite_nothing_when_nothing_was_found() {
        GroundedReply reply = GroundedReply.of("h.", new Retrieval("fs_1", "q", List.of()));

        assertThat(reply.citationIndex()).isEqualTo(-1);
        assertThat(reply.text()).isEqualTo("h. The vector store has nothing on that.");
    }

    @Test
    void should_give_the_same_file_the_same_id_when_derived_twice() {
        String url = "https://stlabbyo.blob.core.windows.net/docs/returns-policy.md";

        assertThat(Ids.file(url)).isEqualTo(Ids.file(url)).matches("assistant-[A-Za-z0-9]{22}")
                .isNotEqualTo(Ids.file(url + "x"));
    }
}
