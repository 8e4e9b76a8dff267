package io.aoailab.access;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Hands every byte read, skipped or not, to a tap on its way to the reader, and how long each read waited for it;
 * reaching the end tells the tap.
 */
final class TappedInputStream extends FilterInputStream {
    private final ServerSentEventTap tap;

    TappedInputStream(InputStream in, ServerSentEventTap tap) {
        super(in);
        this.tap = tap;
    }

    // how long a read waited is how long the server kept the reader waiting: the stream's pace, not the reader's
    @Override
    public int read() throws IOException {
        long start = System.nanoTime();
        int b = super.read();
        tap.waited(System.nanoTime() - start);
        if (b < 0) {
            tap.end();
        } else {
            tap.accept(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long start = System.nanoTime();
        int n = super.read(b, off, len);
        tap.waited(System.nanoTime() - start);
        if (n < 0) {
            tap.end();
        } else {
            tap.accept(b, off, n);
        }
        return n;
    }

    // skipped bytes still carry events: read them so the tap sees them
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    // a reset would show the tap the same bytes twice
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
