package io.aoailab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * {@code @ResponsesScenario} marks a suite of the {@value Scenario#RESPONSES} scenario: the Responses API directly, through APIM and through Foundry: create, stream, store, retrieve, chain, file_search, and how each way in refuses what it must. It is
 * {@link DeploymentTest} with the scenario's tag, so {@code mvn verify -Dgroups=}{@value Scenario#RESPONSES} selects it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DeploymentTest
@Tag(Scenario.RESPONSES)
public @interface ResponsesScenario {
}
