package io.aoailab.lab.apim.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CounterStore} in memory: for each key, the amounts added with their time, over a sliding window on the
 * given clock (rate-limit-by-key's window is sliding, docs/apim-gateway.md §2.10). The wait it reports is when enough of the
 * window has slid out for the amount to fit; an amount larger than the whole limit waits one full window.
 * Thread-safe.
 */
public final class InMemoryCounterStore implements CounterStore {
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public InMemoryCounterStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Admission tryAdd(String key, long amount, long limit, Duration window) {
        return windowOf(key).admit(amount, limit, window, clock.instant(), true);
    }

    @Override
    public Admission check(String key, long amount, long limit, Duration window) {
        return windowOf(key).admit(amount, limit, window, clock.instant(), false);
    }

    @Override
    public void add(String key, long amount, Duration window) {
        windowOf(key).add(amount, window, clock.instant());
    }

    @Override
    public long remaining(String key, long limit, Duration window) {
        return Math.max(0, limit - windowOf(key).used(window, clock.instant()));
    }

    /** Forgets every counter (between tests). */
    public void clear() {
        windows.clear();
    }

    private Window windowOf(String key) {
        return windows.computeIfAbsent(key, k -> new Window());
    }

    private record Entry(Instant at, long amount) {
    }

    private static final class Window {
        private final Deque<Entry> entries = new ArrayDeque<>();
        private long total;

        synchronized Admission admit(long amount, long limit, Duration window, Instant now, boolean add) {
            prune(window, now);
            if (total + amount <= limit) {
                if (add) {
                    entries.addLast(new Entry(now, amount));
                    total += amount;
                }
                return new Admission(true, Math.max(0, limit - total), Duration.ZERO);
            }
            return new Admission(false, Math.max(0, limit - total), freeAt(amount, limit, window, now));
        }

        synchronized void add(long amount, Duration window, Instant now) {
            prune(window, now);
            entries.addLast(new Entry(now, amount));
            total += amount;
        }

        synchronized long used(Duration window, Instant now) {
            prune(window, now);
            return total;
        }

        private void prune(Duration window, Instant now) {
            Instant start = now.minus(window);
            while (!entries.isEmpty() && !entries.peekFirst().at().isAfter(start)) {
                total -= entries.pollFirst().amount();
            }
        }

        private Duration freeAt(long amount, long limit, Duration window, Instant now) {
            if (amount > limit) {
                return window;
            }
            long held = total;
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                held -= e.amount();
                if (held + amount <= limit) {
                    Duration wait = Duration.between(now, e.at().plus(window));
                    return wait.isNegative() ? Duration.ZERO : wait;
                }
            }
            return window;
        }
    }
}
