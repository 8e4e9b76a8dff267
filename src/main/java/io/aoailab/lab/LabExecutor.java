package io.aoailab.lab;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every lab host serves on: bounded in threads and queued requests, so a runaway test cannot exhaust
 * the machine; daemon threads, so a forgotten lab never keeps a JVM alive.
 */
final class LabExecutor implements Executor, AutoCloseable {
    static final int THREADS = 64;
    static final int QUEUE = 512;

    private final ThreadPoolExecutor pool;

    LabExecutor() {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread thread = new Thread(r, "lab-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
