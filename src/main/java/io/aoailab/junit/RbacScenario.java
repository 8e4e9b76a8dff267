package io.aoailab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * {@code @RbacScenario} marks a suite of the {@value Scenario#RBAC} scenario: least privilege: identities missing a role are denied with the code each service really returns. It is
 * {@link DeploymentTest} with the scenario's tag, so {@code mvn verify -Dgroups=}{@value Scenario#RBAC} selects it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DeploymentTest
@Tag(Scenario.RBAC)
public @interface RbacScenario {
}
