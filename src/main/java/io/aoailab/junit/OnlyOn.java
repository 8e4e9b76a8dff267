package io.aoailab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * {@code @OnlyOn} limits a test or suite to one target; on the other it is skipped, and the report shows
 * {@link #reason()}. Use it for what cannot apply elsewhere, such as fault injection, which only the lab offers.
 *
 * <pre>{@code
 * @Test
 * @OnlyOn(value = Target.LAB, reason = "throttling a region needs the lab's fault control")
 * void fails_over_when_a_region_throttles(...) { ... }
 * }</pre>
 */
@java.lang.annotation.Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnlyOn {

    /** The target the test applies to. */
    io.aoailab.config.Target value();

    /** Why it does not apply to the other target; shown as the skip reason. */
    String reason();
}
