package io.aoailab.junit;

import io.aoailab.access.CallLedger;
import io.aoailab.access.Way;
import io.aoailab.config.Client;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.Target;
import io.aoailab.report.TokenUsageReport;
import io.aoailab.target.ConnectedTarget;
import io.aoailab.target.Operator;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
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
final class DeploymentExtension implements ExecutionCondition, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            DeploymentExtension.class);

    /**
     * Resolves the configuration before each test, so a bad value breaks the first test with its own message (and
     * skips the rest), and opens the test's call ledger on its thread; the method's store closes the ledger when the
     * test is done.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        RunSetup.of(context).require();
        context.getStore(NAMESPACE).put(CallLedger.class, CallLedger.open());
    }

    /**
     * Reports the tokens the test consumed; faults injected by one test never leak into the next, and after a test
     * that acted as an operator the pool is given back whole (see {@link PoolRecovery}).
     */
    @Override
    public void afterEach(ExtensionContext context) {
        Optional<SuiteRun> configured = RunSetup.of(context).ifConfigured();
        if (configured.isEmpty()) {
            return;
        }
        SuiteRun run = configured.get();
        try {
            run.connected().ifPresent(ConnectedTarget::undoOperatorActions);
            if (takesOperator(context) && run.connected().isPresent()) {
                // the v1 client if configured: it sends no api-version the deployment might refuse
                run.accessPaths().all().stream().filter(p -> p.way() == Way.APIM)
                        .min(Comparator.comparing(p -> p.client() != Client.OPENAI_JAVA)).ifPresent(pool ->
                        PoolRecovery.await(pool, run.config().intended(), run.config().modelDeployment(),
                                run.config().distribution().recoveryTimeout()));
            }
        } finally {
            reportTokenUsage(context, run);
        }
    }

    // a report entry too, so the console and the JUnit XML say it where there is no Allure report
    private static void reportTokenUsage(ExtensionContext context, SuiteRun run) {
        CallLedger ledger = context.getStore(NAMESPACE).get(CallLedger.class, CallLedger.class);
        if (ledger == null || ledger.total().calls() == 0) {
            return;
        }
        List<TokenUsageReport.Line> lines = TokenAccounting.lines(ledger.usageByPath());
        TokenUsageReport.attach(run.redactor(), lines);
        context.publishReportEntry(TokenUsageReport.ATTACHMENT_NAME, TokenUsageReport.text(run.redactor(), lines));
        run.count(ledger);
    }

    /**
     * Not built, not applicable to this target, or runs. Never throws: JUnit would wrap the error in its own message,
     * so a bad configuration is left to {@link #beforeEach}, which reports it as it is.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<NotBuiltYet> notBuilt = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, NotBuiltYet.class));
        if (notBuilt.isPresent()) {
            return ConditionEvaluationResult.disabled(NotBuiltYet.REASON_PREFIX + notBuilt.get().value());
        }
        Optional<SuiteRun> configured = RunSetup.of(context).ifConfigured();
        if (configured.isEmpty()) {
            return ConditionEvaluationResult.enabled("the configuration is reported by the first test");
        }
        Target target = configured.get().config().target();
        if (takesOperator(context) && target != Target.LAB) {
            return ConditionEvaluationResult.disabled("Only on the lab target (this run: " + target.configName()
                    + "): it acts on the deployment as an operator (throttles or fails a region), which live Azure"
                    + " does not let the suite do");
        }
        Optional<OnlyOn> onlyOn = context.getElement().flatMap(DeploymentExtension::onlyOn);
        if (onlyOn.isEmpty()) {
            return ConditionEvaluationResult.enabled("applies to every target");
        }
        OnlyOn limit = onlyOn.get();
        return limit.value() == target
                ? ConditionEvaluationResult.enabled("runs on " + target.configName())
                : ConditionEvaluationResult.disabled("Only on the " + limit.value().configName()
                        + " target (this run: " + target.configName() + "): " + limit.reason());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DeploymentUnderTest.class || type == SuiteConfig.class || type == Operator.class
                || type == RunFiles.class;
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
            return new DeploymentUnderTest(run.config(), target.endpoints(), target.http(), target.credentials(),
                    run.accessPaths().all(), run.accessPaths().settings());
        }
        if (type == RunFiles.class) {
            return new RunFiles(context.getConfigurationParameter(DeploymentTest.RUN_DIRECTORY_PROPERTY_NAME)
                    .map(java.nio.file.Path::of));
        }
        if (type == Operator.class) {
            return run.target().operator().orElseThrow(() -> new ParameterResolutionException(
                    "An Operator is only injected where the target offers one (the lab); this run targets "
                            + run.config().target().configName()));
        }
        throw new ParameterResolutionException("@DeploymentTest cannot inject " + type.getName()
                + "; it injects DeploymentUnderTest, SuiteConfig, Operator and RunFiles");
    }

    private static boolean takesOperator(ExtensionContext context) {
        return context.getTestMethod().map(m -> Arrays.asList(m.getParameterTypes()).contains(Operator.class))
                .orElse(false);
    }

    private static Optional<OnlyOn> onlyOn(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, OnlyOn.class);
    }
}
