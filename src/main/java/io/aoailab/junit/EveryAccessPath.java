package io.aoailab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@code @EveryAccessPath} feeds a {@code @ParameterizedTest} one {@link io.aoailab.access.AccessPath} per way into
 * the Responses API the deployment offers: each direct regional endpoint, APIM and the Foundry project when
 * configured.
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @EveryAccessPath
 * void creates_a_response(AccessPath path) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(AccessPathArguments.class)
public @interface EveryAccessPath {
}
