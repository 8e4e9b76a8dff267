package io.aoailab.config;

import java.time.Duration;

/**
 * How the RBAC scenarios judge the deployment beyond its personas.
 *
 * @param personasDeclared whether {@code PERSONAS} was set (else the shipped personas are used, and on live a persona
 *        without credentials is skipped rather than a misconfiguration)
 * @param keyAuthDisabled whether the Azure OpenAI accounts are meant to refuse key auth ({@code EXPECTED_KEY_AUTH})
 * @param propagation how long a cell that disagrees with the intent is asked again while role assignments apply
 *        ({@code RBAC_PROPAGATION_SECONDS})
 */
public record RbacSettings(boolean personasDeclared, boolean keyAuthDisabled, Duration propagation) {
}
