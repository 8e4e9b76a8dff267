package io.aoailab.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An event stream's body, read off the connection as it arrives by a thread of its own, which shows each chunk to
 * the tap at that moment; the consumer reads the same bytes, in the same order, from a bounded queue. So the tap's
 * clock is the wire's: a consumer slow to ask for the next event (a cold JVM loading its event classes, a test
 * thread descheduled) cannot make a stream the server paced look as if it came in one block, nor the reverse.
 *
 * <p>Bounded: at most {@link #QUEUED} chunks wait for the consumer, then the reading thread waits as well; every read
 * of the connection is bounded by the client's read timeout, whose failure reaches the consumer as its own; closing
 * stops the thread.
 */
final class ReadAheadInputStream extends InputStream {
    private static final int CHUNK = 8192;
    private static final int QUEUED = 256;
    private static final Object END = new Object();

    private final InputStream wire;
    // chunks (byte[]), then END or the IOException the connection failed with
    private final BlockingQueue<Object> arrived = new ArrayBlockingQueue<>(QUEUED);
    private final Thread reader;
    private byte[] current = new byte[0];
    private int position;
    private IOException failure;
    private boolean finished;
    private volatile boolean closed;

    ReadAheadInputStream(InputStream wire, ServerSentEventTap tap) {
        this.wire = wire;
        this.reader = new Thread(() -> readAhead(tap), "aoai-lab-suite event stream");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAhead(ServerSentEventTap tap) {
        try {
            byte[] buffer = new byte[CHUNK];
            for (int n = wire.read(buffer); n >= 0 && !closed; n = wire.read(buffer)) {
                if (n > 0) {
                    byte[] chunk = Arrays.copyOf(buffer, n);
                    tap.arrived(chunk, System.nanoTime());
                    arrived.put(chunk);
                }
            }
            tap.end();
            arrived.put(END);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                hand(e instanceof IOException io ? io : new IOException("Reading the event stream failed", e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed while the consumer's queue was full
        }
    }

    private void hand(IOException e) {
        try {
            arrived.put(e);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        return next() ? current[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!next()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - position;
    }

    private boolean next() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
        while (position == current.length) {
            if (failure != null) {
                throw failure;
            }
            if (finished) {
                return false;
            }
            Object next = take();
            if (next == END) {
                finished = true;
            } else if (next instanceof IOException e) {
                failure = e;
            } else {
                current = (byte[]) next;
                position = 0;
            }
        }
        return true;
    }

    private Object take() throws InterruptedIOException {
        try {
            return arrived.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the event stream");
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            reader.interrupt();
            arrived.clear();
            wire.close();
        }
    }
}
