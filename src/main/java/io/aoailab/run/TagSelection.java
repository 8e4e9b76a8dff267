package io.aoailab.run;

import io.aoailab.junit.Scenario;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scenarios a run selects with {@code -Dgroups}: empty for all, else JUnit tag expressions, comma-separated
 * (e.g. {@code responses}, {@code responses | rbac}, {@code !rbac}). A tag this suite does not have is refused
 * before anything runs: JUnit would select nothing and call the run a success.
 *
 * @param expression the {@code groups} value as given
 */
record TagSelection(String expression) {

    /** The tags the expression names; {@code any()} and {@code none()} name none. */
    List<String> named() {
        String tags = expression.replaceAll("\\b(any|none)\\(\\)", " ");
        Set<String> names = new LinkedHashSet<>(Arrays.asList(tags.split("[\\s,&|!()]+")));
        names.remove("");
        return List.copyOf(names);
    }

    /** @throws RunStopped naming the unknown tags, the known ones and the fix */
    void requireKnownTags() {
        List<String> unknown = named().stream().filter(t -> !Scenario.ALL.contains(t)).toList();
        if (!unknown.isEmpty()) {
            throw new RunStopped("-Dgroups=" + expression + " names " + (unknown.size() == 1
                    ? "a tag" : "tags") + " this suite does not have: " + String.join(", ", unknown)
                    + ". Known scenario tags: " + String.join(", ", Scenario.ALL) + ". Fix: e.g. -Dgroups="
                    + Scenario.RESPONSES + ", or leave -Dgroups out to run every scenario.");
        }
    }

    String describe() {
        return expression.isBlank() ? String.join(", ", Scenario.ALL) : expression;
    }
}
