package io.aoailab.lab.apim.policy;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A backend's answer body while it is still arriving, read once: passed on to the client chunk by chunk
 * ({@link #transferTo(OutputStream)}), or read whole when a policy needs it ({@link #readAll()}), as APIM must buffer
 * the body for an expression that reads {@code context.Response.Body} (docs/apim-gateway.md §2.3).
 *
 * <p><b>Passing on</b> honours {@code forward-request}'s {@code buffer-response} (§2.3): with {@code false} each chunk
 * received from the backend goes to the client at once; with {@code true}, the default, chunks are collected into
 * {@value #BLOCK} byte blocks, each sent when full, and what is left when the backend's stream ends.
 *
 * <p><b>Watching</b>: a policy that must see the whole answer without holding it back (the token policies on a stream)
 * registers {@link #onEnd}; it gets every byte that passed once the stream has ended, or was closed before its end.
 *
 * <p>Used by one request's thread at a time; {@link #close()} may come from the gateway's clean-up.
 */
public final class StreamedBody implements Closeable {
    /** The block size of {@code buffer-response="true"}: 8 KB (docs/apim-gateway.md §2.3). */
    public static final int BLOCK = 8 * 1024;

    private final InputStream source;
    private final boolean bufferResponse;
    private final Closeable connection;
    private final List<Consumer<byte[]>> endListeners = new ArrayList<>();
    private ByteArrayOutputStream seen;
    private boolean consumed;
    private boolean ended;

    /**
     * @param source the body as it arrives from the backend
     * @param bufferResponse {@code forward-request}'s {@code buffer-response}
     * @param connection what to close once the body is read or abandoned (the backend response)
     */
    public StreamedBody(InputStream source, boolean bufferResponse, Closeable connection) {
        this.source = source;
        this.bufferResponse = bufferResponse;
        this.connection = connection;
    }

    /** Whether chunks are passed on in {@value #BLOCK} byte blocks ({@code buffer-response="true"}). */
    public boolean bufferResponse() {
        return bufferResponse;
    }

    /** Calls {@code listener} with every byte that passed, once the stream ends (or is closed first). */
    public synchronized void onEnd(Consumer<byte[]> listener) {
        if (consumed) {
            throw new IllegalStateException("the body was already read: register before it is passed on");
        }
        endListeners.add(listener);
        if (seen == null) {
            seen = new ByteArrayOutputStream();
        }
    }

    /** The whole body: waits for the backend to end its stream. The body cannot be passed on afterwards. */
    public byte[] readAll() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            start();
            byte[] chunk = new byte[BLOCK];
            for (int n; (n = source.read(chunk)) != -1; ) {
                all.write(chunk, 0, n);
                watch(chunk, n);
            }
            return all.toByteArray();
        } catch (IOException e) {
            // the backend broke off mid-body: the policy works with what came, as the client would have
            return all.toByteArray();
        } finally {
            close();
        }
    }

    /**
     * Passes the body on to {@code out} as {@code buffer-response} says, flushing each piece so it leaves at once.
     *
     * @throws IOException when the backend or the client breaks off; the body is closed either way
     */
    public void transferTo(OutputStream out) throws IOException {
        try {
            start();
            byte[] block = new byte[BLOCK];
            if (!bufferResponse) {
                for (int n; (n = source.read(block)) != -1; ) {
                    watch(block, n);
                    out.write(block, 0, n);
                    out.flush();
                }
                return;
            }
            for (int filled = fill(block); filled > 0; filled = fill(block)) {
                watch(block, filled);
                out.write(block, 0, filled);
                out.flush();
            }
        } finally {
            close();
        }
    }

    /** Ends the body without reading the rest (a retry replaced it, a policy replaced the answer, the client left). */
    @Override
    public void close() {
        List<Consumer<byte[]>> listeners;
        byte[] all;
        synchronized (this) {
            consumed = true;
            if (ended) {
                return;
            }
            ended = true;
            listeners = List.copyOf(endListeners);
            all = seen == null ? new byte[0] : seen.toByteArray();
        }
        try {
            connection.close();
        } catch (IOException e) {
            // the backend connection is gone either way
        }
        listeners.forEach(listener -> listener.accept(all));
    }

    // a full block, or what is left at the end of the stream; 0 at the end
    private int fill(byte[] block) throws IOException {
        int filled = 0;
        while (filled < block.length) {
            int n = source.read(block, filled, block.length - filled);
            if (n == -1) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    private synchronized void start() {
        if (consumed) {
            throw new IllegalStateException("a backend's body is read once: it was already read or closed");
        }
        consumed = true;
    }

    private synchronized void watch(byte[] bytes, int length) {
        if (seen != null) {
            seen.write(bytes, 0, length);
        }
    }
}
