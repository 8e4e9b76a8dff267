package io.aoailab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @DeploymentTest} is what every scenario annotation ({@link ResponsesScenario}, {@link LoadBalancingScenario},
 * {@link RbacScenario}) is made of: a suite that tests the Azure OpenAI deployment, live Azure or the embedded lab,
 * as {@code LAB_TARGET} says. A suite carries its scenario's annotation, not this one.
 *
 * <pre>{@code
 * @ResponsesScenario
 * class ResponsesApiIT {
 *     @EveryAccessPath
 *     void a_response_is_completed(AccessPath path, SuiteConfig config) { ... }
 * }
 * }</pre>
 *
 * <h2>Scope</h2>
 * The configuration is resolved once per run and the target connected once per run (the lab is started once);
 * both live in the root {@code ExtensionContext.Store} and are closed by it when the run ends.
 *
 * <h2>Injection</h2>
 * Test and lifecycle methods may declare parameters of type {@link DeploymentUnderTest} and
 * {@link io.aoailab.config.SuiteConfig}. A test method that declares an {@link io.aoailab.target.Operator} acts on
 * the deployment as an operator would (throttle a region, fail it) by intended region; it runs only where the target
 * offers an operator (the lab), is skipped with that reason elsewhere, and what it did is undone after it.
 *
 * <h2>Configuration</h2>
 * By default the configuration comes from the environment, system properties and {@code .env} in the working
 * directory (a user's run). With the JUnit configuration parameter {@value #CONFIG_SOURCE_PROPERTY_NAME}{@code =}
 * {@value #CONFIG_SOURCE_PARAMETERS} it comes from configuration parameters {@value #CONFIG_KEY_PREFIX}{@code <KEY>}
 * alone, and nothing else is read: how the project's own tests run the suite, whatever their environment holds.
 *
 * <h2>Outcomes</h2>
 * Bad configuration breaks the first test with one line naming the key and the fix, and the others are not run
 * (skipped with that line); a test marked {@link OnlyOn} another target is skipped with its reason; a scenario
 * {@link NotBuiltYet} is skipped as not built; product misbehaviour is an {@link AssertionError}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DeploymentExtension.class)
@DisplayNameGeneration(ScenarioDisplayNames.class)
public @interface DeploymentTest {

    /** The JUnit configuration parameter that says where the configuration comes from. */
    String CONFIG_SOURCE_PROPERTY_NAME = "aoailab.config.source";

    /** {@value #CONFIG_SOURCE_PROPERTY_NAME} for a user's run: environment, system properties, {@code .env}. */
    String CONFIG_SOURCE_ENVIRONMENT = "environment";

    /** {@value #CONFIG_SOURCE_PROPERTY_NAME} for configuration parameters alone. */
    String CONFIG_SOURCE_PARAMETERS = "parameters";

    /** The prefix of a key given as a configuration parameter, e.g. {@code aoailab.config.LAB_TARGET=live}. */
    String CONFIG_KEY_PREFIX = "aoailab.config.";

    /**
     * The JUnit configuration parameter naming the directory a run writes its record into (outcomes, access paths,
     * regions, tokens), which the run summary reads; unset, nothing is written.
     */
    String RUN_DIRECTORY_PROPERTY_NAME = "aoailab.run.directory";
}
