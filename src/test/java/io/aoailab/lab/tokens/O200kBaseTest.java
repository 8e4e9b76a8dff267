package io.aoailab.lab.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class O200kBaseTest {

    @Test
    void should_count_ordinary_text_and_nothing_for_empty_text() {
        assertThat(O200kBase.count("Hello")).isEqualTo(1);
        assertThat(O200kBase.count("")).isZero();
        assertThat(O200kBase.count(null)).isZero();
    }

    @Test
    void should_count_a_special_token_as_the_characters_it_is() {
        assertThat(O200kBase.count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void should_cut_text_at_a_token_boundary_within_the_limit() {
        String text = "one two three four five six seven eight";

        String cut = O200kBase.truncate(text, 3);

        assertThat(text).startsWith(cut);
        assertThat(O200kBase.count(cut)).isEqualTo(3);
        assertThat(O200kBase.truncate(text, 100)).isSameAs(text);
    }
}
