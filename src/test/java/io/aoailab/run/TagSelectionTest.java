package io.aoailab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagSelectionTest {

    @Test
    void should_read_the_tags_a_junit_tag_expression_names() {
        assertThat(new TagSelection("responses | (rbac & !load-balancing), any()").named())
                .containsExactly("responses", "rbac", "load-balancing");
        assertThat(new TagSelection("").named()).isEmpty();
    }

    @Test
    void should_accept_every_scenario_tag_and_expressions_of_them() {
        assertThatCode(() -> new TagSelection("responses").requireKnownTags()).doesNotThrowAnyException();
        assertThatCode(() -> new TagSelection("!rbac & (responses | load-balancing)").requireKnownTags())
                .doesNotThrowAnyException();
        assertThatCode(() -> new TagSelection("").requireKnownTags()).doesNotThrowAnyException();
    }

    @Test
    void should_refuse_a_tag_the_suite_does_not_have_naming_the_known_ones() {
        assertThatThrownBy(() -> new TagSelection("nonsense").requireKnownTags())
                .isInstanceOf(RunStopped.class)
                .hasMessage("-Dgroups=nonsense names a tag this suite does not have: nonsense. Known scenario tags:"
                        + " responses, load-balancing, rbac. Fix: e.g. -Dgroups=responses, or leave -Dgroups out to"
                        + " run every scenario.");
        assertThatThrownBy(() -> new TagSelection("responses | rbca, lb").requireKnownTags())
                .hasMessageStartingWith("-Dgroups=responses | rbca, lb names tags this suite does not have: rbca, lb.");
    }
}
