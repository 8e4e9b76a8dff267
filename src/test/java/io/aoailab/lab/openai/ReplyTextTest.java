package io.aoailab.lab.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;

/** The generated text, its token count and how it is cut and streamed. */
class ReplyTextTest {
    private final ReplyGenerator generator = new ReplyGenerator("Sweden Central");
    private final TokenCounter counter = new TokenCounter();

    @Test
    void should_say_which_deployment_and_region_answered_and_quote_the_input() {
        // WHEN
        String reply = generator.reply("gpt-4o", "gpt-4o-2024-08-06", 3, "  What   is\nthe time? ");

        // THEN
        assertThat(reply).isEqualTo("gpt-4o in Sweden Central, turn 3. You said: \"What is the time?\"");
    }

    @Test
    void should_clip_a_long_quote_when_the_input_is_long() {
        // WHEN
        String reply = generator.reply("d", "m", 1, "x".repeat(1_000));

        // THEN
        assertThat(reply).contains("x".repeat(ReplyGenerator.MAX_QUOTE_CHARS) + "...\"")
                .doesNotContain("x".repeat(ReplyGenerator.MAX_QUOTE_CHARS + 1));
    }

    @Test
    void should_count_like_jtokkit_o200k_base_including_special_token_text() {
        // GIVEN text a strict encoder would refuse
        String text = "Hello <|endoftext|> world";

        // WHEN / THEN
        assertThat(counter.count(text)).isEqualTo(Encodings.newDefaultEncodingRegistry()
                .getEncoding(EncodingType.O200K_BASE).countTokensOrdinary(text));
    }

    @Test
    void should_cut_to_a_prefix_within_the_token_budget() {
        // GIVEN
        String text = generator.reply("gpt-4o", "gpt-4o-2024-08-06", 1, "a question that is long enough");

        // WHEN
        String cut = counter.truncate(text, 16);

        // THEN
        assertThat(text).startsWith(cut);
        assertThat(cut).isNotEqualTo(text);
        assertThat(counter.count(cut)).isEqualTo(16);
        assertThat(counter.truncate("short", 16)).isEqualTo("short");
    }

    @Test
    void should_split_into_deltas_that_concatenate_to_the_text() {
        // GIVEN
        String text = "Héllo  wörld\n🙂 end ";

        // WHEN / THEN
        assertThat(String.join("", ResponseEvents.deltas(text))).isEqualTo(text);
        assertThat(ResponseEvents.deltas(text)).hasSizeGreaterThan(2);
        assertThat(ResponseEvents.deltas("")).containsExactly("");
    }
}
