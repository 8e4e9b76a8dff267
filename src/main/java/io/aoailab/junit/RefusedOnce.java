package io.aoailab.junit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.opentest4j.TestAbortedException;

/**
 * One reason for many cases to fail, reported once: the first case that asks gets the failure, every later one is
 * not run and says why, so a report shows the cause once instead of a page of copies.
 */
final class RefusedOnce implements Supplier<Throwable> {
    private final String message;
    private final AtomicBoolean reported = new AtomicBoolean();

    RefusedOnce(String message) {
        this.message = message;
    }

    @Override
    public Throwable get() {
        if (reported.compareAndSet(false, true)) {
            return new AssertionError(message);
        }
        return new TestAbortedException("Not run, for the reason an earlier case failed with: " + message.strip());
    }
}
