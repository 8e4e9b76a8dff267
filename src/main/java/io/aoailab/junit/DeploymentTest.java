package io.aoailab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @DeploymentTest} marks a scenario suite that tests the Azure OpenAI deployment: live Azure or the
 * embedded lab, as {@code LAB_TARGET} says.
 *
 * <pre>{@code
 * @DeploymentTest
 * @Tag(Scenario.RESPONSES)
 * class ResponsesApiIT {
 *     @Test
 *     void creates_a_response(DeploymentUnderTest deployment) { ... }
 * }
 * }</pre>
 *
 * <h2>Scope</h2>
 * The configuration is resolved once per run and the target connected once per run (the lab is started once);
 * both live in the root {@code ExtensionContext.Store} and are closed by it when the run ends.
 *
 * <h2>Injection</h2>
 * Test and lifecycle methods may declare parameters of type {@link DeploymentUnderTest} and
 * {@link io.aoailab.config.SuiteConfig}. A test method that declares a {@link io.aoailab.lab.faults.FaultControl}
 * injects faults as an operator would (throttle a region, break it); it runs on the lab target only, is skipped
 * with that reason on live, and its faults are reset after it.
 *
 * <h2>Outcomes</h2>
 * Bad configuration errors every test with one line naming the key and the fix; a test marked {@link OnlyOn}
 * another target is skipped with its reason; product misbehaviour is an {@link AssertionError}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DeploymentExtension.class)
public @interface DeploymentTest {
}
