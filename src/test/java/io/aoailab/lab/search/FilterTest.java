package io.aoailab.lab.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The {@code $filter} subset over string fields. */
class FilterTest {
    static final List<String> FIELDS = List.of("id", "title", "lang");
    static final Map<String, String> SHIPPING = Map.of("id", "2", "title", "Shipping", "lang", "en");
    static final Map<String, String> RETURNS = Map.of("id", "1", "title", "Returns policy", "lang", "fr");
    static final Map<String, String> UNTITLED = untitled();

    @Test
    void should_compare_strings_case_sensitively_when_using_eq() throws Filter.FilterException {
        // WHEN
        Predicate<Map<String, String>> exact = Filter.parse("title eq 'Shipping'", FIELDS);
        Predicate<Map<String, String>> lower = Filter.parse("title eq 'shipping'", FIELDS);

        // THEN
        assertThat(exact.test(SHIPPING)).isTrue();
        assertThat(exact.test(RETURNS)).isFalse();
        assertThat(lower.test(SHIPPING)).isFalse();
    }

    @Test
    void should_combine_with_and_or_not_and_parentheses_when_nested() throws Filter.FilterException {
        // WHEN
        Predicate<Map<String, String>> filter = Filter.parse(
                "not (lang eq 'fr') and (title eq 'Shipping' or title eq 'Other')", FIELDS);

        // THEN
        assertThat(filter.test(SHIPPING)).isTrue();
        assertThat(filter.test(RETURNS)).isFalse();
    }

    @Test
    void should_order_strings_ordinally_when_using_range_operators() throws Filter.FilterException {
        // WHEN
        Predicate<Map<String, String>> filter = Filter.parse("id ge '2' and id lt '3'", FIELDS);

        // THEN
        assertThat(filter.test(SHIPPING)).isTrue();
        assertThat(filter.test(RETURNS)).isFalse();
    }

    @Test
    void should_treat_a_missing_field_as_null_when_compared_with_null() throws Filter.FilterException {
        // WHEN
        Predicate<Map<String, String>> isNull = Filter.parse("title eq null", FIELDS);
        Predicate<Map<String, String>> notNull = Filter.parse("title ne null", FIELDS);

        // THEN
        assertThat(isNull.test(UNTITLED)).isTrue();
        assertThat(isNull.test(SHIPPING)).isFalse();
        assertThat(notNull.test(SHIPPING)).isTrue();
    }

    @Test
    void should_unescape_doubled_quotes_when_reading_a_literal() throws Filter.FilterException {
        // WHEN
        Predicate<Map<String, String>> filter = Filter.parse("title eq 'O''Neil'", FIELDS);

        // THEN
        assertThat(filter.test(Map.of("title", "O'Neil"))).isTrue();
    }

    @Test
    void should_match_any_listed_value_when_using_search_in() throws Filter.FilterException {
        // WHEN
        Predicate<Map<String, String>> comma = Filter.parse("search.in(lang, 'de, en')", FIELDS);
        Predicate<Map<String, String>> pipe = Filter.parse("search.in(title, 'Returns policy|Other', '|')", FIELDS);

        // THEN
        assertThat(comma.test(SHIPPING)).isTrue();
        assertThat(comma.test(RETURNS)).isFalse();
        assertThat(pipe.test(RETURNS)).isTrue();
    }

    @Test
    void should_keep_every_document_when_the_filter_is_blank() throws Filter.FilterException {
        assertThat(Filter.parse("  ", FIELDS).test(SHIPPING)).isTrue();
        assertThat(Filter.parse(null, FIELDS).test(RETURNS)).isTrue();
    }

    @Test
    void should_report_the_type_mismatch_when_a_string_field_meets_a_number() {
        // WHEN
        Filter.FilterException thrown = catchThrowableOfType(Filter.FilterException.class,
                () -> Filter.parse("id eq 2", FIELDS));

        // THEN
        assertThat(thrown).hasMessage("A binary operator with incompatible types was detected. Found operand types "
                + "'Edm.String' and 'Edm.Int32' for operator kind 'Equal'.");
    }

    @Test
    void should_report_the_position_when_a_literal_is_unterminated() {
        // WHEN
        Filter.FilterException thrown = catchThrowableOfType(Filter.FilterException.class,
                () -> Filter.parse("title eq 'Shipping", FIELDS));

        // THEN
        assertThat(thrown).hasMessage("Syntax error at position 9 in 'title eq 'Shipping'.");
    }

    @Test
    void should_ask_for_a_closing_parenthesis_when_one_is_missing() {
        // WHEN
        Filter.FilterException thrown = catchThrowableOfType(Filter.FilterException.class,
                () -> Filter.parse("(title eq 'a'", FIELDS));

        // THEN
        assertThat(thrown).hasMessage("')' or operator expected at position 13 in '(title eq 'a''.");
    }

    private static Map<String, String> untitled() {
        Map<String, String> document = new HashMap<>();
        document.put("id", "3");
        document.put("title", null);
        return document;
    }
}
