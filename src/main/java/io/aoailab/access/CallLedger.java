package io.aoailab.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls one piece of work made, on every access path: a test's ledger is how the report says what the test
 * consumed without the test summing anything. {@link #open()} binds a ledger to the current thread; from then until
 * {@link #close()} every call {@link CallCapture} records on that thread is added to it. Sync calls, and reading a
 * sync stream, run on the caller's thread, so a test's calls land in its ledger. Ledgers nest: a call is added to
 * every open ledger of the thread. Bounded: past {@value #CAPACITY} calls the oldest leave the list, and their
 * usage (as it stands when they leave) stays in the sums.
 */
public final class CallLedger implements AutoCloseable {
    public static final int CAPACITY = 10_000;

    private static final ThreadLocal<CallLedger> CURRENT = new ThreadLocal<>();

    private final CallLedger enclosing;
    private final RecentCalls calls;
    private final Map<String, UsageSummary> evicted = new LinkedHashMap<>();
    private volatile boolean open = true;

    private CallLedger(CallLedger enclosing, int capacity) {
        this.enclosing = enclosing;
        this.calls = new RecentCalls(capacity);
    }

    /** A new ledger bound to the current thread until it is closed. */
    public static CallLedger open() {
        return open(CAPACITY);
    }

    static CallLedger open(int capacity) {
        CallLedger ledger = new CallLedger(openLedger(CURRENT.get()), capacity);
        CURRENT.set(ledger);
        return ledger;
    }

    // a ledger closed from another thread is still bound here: it is passed over, and dropped at the next open
    private static CallLedger openLedger(CallLedger ledger) {
        return ledger == null || ledger.open ? ledger : openLedger(ledger.enclosing);
    }

    /**
     * Adds calls made on other threads (a measurement's workers) to the current thread's open ledgers, so the test
     * that made them counts them.
     */
    public static void addMadeElsewhere(List<CallRecord> calls) {
        calls.forEach(CallLedger::addToCurrent);
    }

    /** Adds a call to the current thread's open ledgers, if any. */
    static void addToCurrent(CallRecord call) {
        for (CallLedger ledger = CURRENT.get(); ledger != null; ledger = ledger.enclosing) {
            if (ledger.open) {
                ledger.add(call);
            }
        }
    }

    private void add(CallRecord call) {
        calls.add(call).ifPresent(gone -> {
            synchronized (evicted) {
                evicted.merge(gone.path(), UsageSummary.of(gone), UsageSummary::plus);
            }
        });
    }

    /** The calls in this ledger, oldest first (the latest {@value #CAPACITY}). */
    public List<CallRecord> calls() {
        return calls.list();
    }

    /** Calls and usage per access path ({@link CallRecord#path()}), in the order the paths were first used. */
    public Map<String, UsageSummary> usageByPath() {
        Map<String, UsageSummary> byPath;
        synchronized (evicted) {
            byPath = new LinkedHashMap<>(evicted);
        }
        for (CallRecord call : calls.list()) {
            byPath.merge(call.path(), UsageSummary.of(call), UsageSummary::plus);
        }
        return Collections.unmodifiableMap(byPath);
    }

    /** Calls and usage over every access path. */
    public UsageSummary total() {
        return usageByPath().values().stream().reduce(UsageSummary.NONE, UsageSummary::plus);
    }

    public boolean isOpen() {
        return open;
    }

    /**
     * Stops the ledger receiving calls and unbinds it; the enclosing ledger, if any, becomes current again. Safe to
     * call from another thread (a closed ledger receives nothing), and more than once.
     */
    @Override
    public void close() {
        open = false;
        if (CURRENT.get() == this) {
            CallLedger current = openLedger(enclosing);
            if (current == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(current);
            }
        }
    }
}
