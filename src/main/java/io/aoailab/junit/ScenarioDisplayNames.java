package io.aoailab.junit;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Names as the report reads them: a suite by its scenario's title, a test by its method name as a sentence
 * ({@code a_stored_response_can_be_retrieved} reads "a stored response can be retrieved"), without the parameter
 * types JUnit would append. A case over every access path then reads "through APIM: a stored response can be
 * retrieved" (see {@link EveryAccessPath}).
 */
final class ScenarioDisplayNames extends DisplayNameGenerator.Standard {

    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        List<String> tags = AnnotationSupport.findRepeatableAnnotations(testClass, org.junit.jupiter.api.Tag.class)
                .stream().map(org.junit.jupiter.api.Tag::value).filter(Scenario.ALL::contains).toList();
        return tags.isEmpty() ? super.generateDisplayNameForClass(testClass) : Scenario.title(tags.get(0));
    }

    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass,
            Method testMethod) {
        return testMethod.getName().replace('_', ' ');
    }
}
