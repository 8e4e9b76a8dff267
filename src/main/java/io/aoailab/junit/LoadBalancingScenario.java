package io.aoailab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * {@code @LoadBalancingScenario} marks a suite of the {@value Scenario#LOAD_BALANCING} scenario: the APIM pool's distribution, failover, throttling and keys. It is
 * {@link DeploymentTest} with the scenario's tag, so {@code mvn verify -Dgroups=}{@value Scenario#LOAD_BALANCING} selects it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DeploymentTest
@Tag(Scenario.LOAD_BALANCING)
public @interface LoadBalancingScenario {
}
