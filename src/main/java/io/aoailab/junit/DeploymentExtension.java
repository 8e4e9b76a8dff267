package io.aoailab.junit;

import io.aoailab.access.ConnectedTarget;
import io.aoailab.config.SuiteConfig;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Behind {@link DeploymentTest}: resolves the run's configuration, skips tests {@link OnlyOn} another target,
 * and injects the deployment. Package-private: users meet it only through the annotation.
 */
final class DeploymentExtension implements ExecutionCondition, BeforeEachCallback, ParameterResolver {

    /** Resolves the configuration before each test, so a bad value errors the test with its own message. */
    @Override
    public void beforeEach(ExtensionContext context) {
        SuiteRun.of(context);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<OnlyOn> onlyOn = context.getElement().flatMap(DeploymentExtension::onlyOn);
        if (onlyOn.isEmpty()) {
            return ConditionEvaluationResult.enabled("applies to every target");
        }
        SuiteConfig config = SuiteRun.of(context).config();
        OnlyOn limit = onlyOn.get();
        return limit.value() == config.target()
                ? ConditionEvaluationResult.enabled("runs on " + config.target().configName())
                : ConditionEvaluationResult.disabled("Only on the " + limit.value().configName()
                        + " target (this run: " + config.target().configName() + "): " + limit.reason());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DeploymentUnderTest.class || type == SuiteConfig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SuiteRun run = SuiteRun.of(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == SuiteConfig.class) {
            return run.config();
        }
        if (type == DeploymentUnderTest.class) {
            ConnectedTarget target = run.target();
            return new DeploymentUnderTest(run.config(), target.endpoints(), target.http(), target.credentials());
        }
        throw new ParameterResolutionException("@DeploymentTest cannot inject " + type.getName()
                + "; it injects DeploymentUnderTest and SuiteConfig");
    }

    private static Optional<OnlyOn> onlyOn(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, OnlyOn.class);
    }
}
