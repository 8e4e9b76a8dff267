package io.aoailab.junit;

import io.aoailab.access.Way;
import io.aoailab.config.Client;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@code @EveryAccessPath} runs a test once per way into the Responses API the deployment offers, each an
 * {@link io.aoailab.access.AccessPath}: each direct regional endpoint, APIM, and each Azure OpenAI connection of the
 * Foundry project and the project's own surface, whichever are configured, each with each configured client. Each
 * case is named "<path>: <test>", e.g. "through APIM with openai-java: a stored response can be retrieved listed and
 * deleted".
 *
 * <pre>{@code
 * @EveryAccessPath
 * void a_response_is_completed(AccessPath path, SuiteConfig config) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "{0}: {displayName}")
@ArgumentsSource(AccessPathArguments.class)
public @interface EveryAccessPath {

    /**
     * The clients the test applies to; all configured ones by default. A test about what only one client has (a
     * dated api-version) names it, and the other client's paths are not offered to it.
     */
    Client[] clients() default {Client.AZURE_AI_OPENAI, Client.OPENAI_JAVA};

    /**
     * The ways in the test applies to; all by default. A test about one of them (the APIM pool) names it; when the
     * deployment has no such way in, the test is skipped saying which key would provide it.
     */
    Way[] ways() default {Way.DIRECT, Way.APIM, Way.FOUNDRY_CONNECTION, Way.FOUNDRY_PROJECT};
}
