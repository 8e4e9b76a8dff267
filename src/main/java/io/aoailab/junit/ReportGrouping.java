package io.aoailab.junit;

import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Files every scenario test in the report the way a reviewer reads it: by scenario (Allure's parent suite and epic),
 * then by way in (suite and feature, e.g. "through APIM"), then by client (sub-suite and story, e.g.
 * "with openai-java"), under its sentence title ("a response is completed with consistent usage") rather than
 * JUnit's composed name or the Java class. An Allure lifecycle listener (registered through
 * {@code META-INF/services}), so dynamic tests, which JUnit gives no callbacks, are filed too.
 */
public final class ReportGrouping implements TestLifecycleListener {
    private static final Set<String> GROUPING = Set.of("parentSuite", "suite", "subSuite", "epic", "feature", "story");

    @Override
    public void beforeTestWrite(TestResult result) {
        Optional<String> scenario = scenarioOf(result);
        if (scenario.isEmpty()) {
            return;
        }
        Filed filed = Filed.of(result.getName(), label(result, "testMethod").map(m -> m.replace('_', ' ')).orElse(""));
        // a dynamic test may name its own subgroup (the RBAC matrix: its persona) with Allure.story
        Optional<String> subgroup = filed.subgroup().or(() -> label(result, "story"));
        List<Label> labels = new ArrayList<>(result.getLabels().stream().filter(l -> !GROUPING.contains(l.getName()))
                .toList());
        String title = Scenario.title(scenario.get());
        labels.add(new Label().setName("parentSuite").setValue(title));
        labels.add(new Label().setName("epic").setValue(title));
        labels.add(new Label().setName("suite").setValue(filed.group()));
        labels.add(new Label().setName("feature").setValue(filed.group()));
        subgroup.ifPresent(sub -> {
            labels.add(new Label().setName("subSuite").setValue(sub));
            labels.add(new Label().setName("story").setValue(sub));
        });
        result.setLabels(labels);
        result.setName(filed.title());
    }

    /**
     * Where a test is filed.
     *
     * @param group the way in ("through APIM"), or for a test without one, what its method checks
     * @param subgroup the client, where the test ran with one
     * @param title the sentence the test is titled with
     */
    record Filed(String group, Optional<String> subgroup, String title) {

        /**
         * Reads Allure's name of a JUnit test: for an access-path invocation it is the method's sentence, then the
         * invocation's name ({@code "<path> with <client>: <sentence>"}, as {@link EveryAccessPath} names it).
         */
        static Filed of(String name, String method) {
            int colon = name.lastIndexOf(": ");
            if (colon > 0) {
                String sentence = name.substring(colon + 2);
                String before = name.substring(0, colon);
                if (before.startsWith(sentence + " ")) {
                    String path = before.substring(sentence.length() + 1);
                    int with = path.lastIndexOf(" with ");
                    return with < 0 ? new Filed(path, Optional.empty(), sentence)
                            : new Filed(path.substring(0, with), Optional.of(path.substring(with + 1)), sentence);
                }
            }
            return new Filed(method.isEmpty() ? name : method, Optional.empty(), name);
        }
    }

    private static Optional<String> scenarioOf(TestResult result) {
        Optional<String> tagged = result.getLabels().stream().filter(l -> "tag".equals(l.getName()))
                .map(Label::getValue).filter(Scenario.ALL::contains).findFirst();
        if (tagged.isPresent()) {
            return tagged;
        }
        // a dynamic test carries no tag label: its class's scenario annotation has the tag
        return label(result, "testClass").flatMap(ReportGrouping::load).flatMap(type -> AnnotationSupport
                .findRepeatableAnnotations(type, Tag.class).stream().map(Tag::value)
                .map(v -> v.toLowerCase(Locale.ROOT)).filter(Scenario.ALL::contains).findFirst());
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static Optional<String> label(TestResult result, String name) {
        return result.getLabels().stream().filter(l -> name.equals(l.getName())).map(Label::getValue).findFirst();
    }
}
