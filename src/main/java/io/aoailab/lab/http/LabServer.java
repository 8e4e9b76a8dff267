package io.aoailab.lab.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * One emulated host: an HTTPS server bound to the loopback address only, on a port the OS picks (or a fixed
 * one for standalone use). The host name it stands for (e.g. {@code aoai-eus.openai.azure.com}) is what clients
 * put in their URLs; the suite's HTTP clients pin it to loopback.
 */
public final class LabServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LabServer.class.getName());

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK add ~40 ms to every answer (measured: p50 44 ms before, see README benchmarks).
        // Read once when the JDK server's configuration class loads, so set it before the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String hostName;
    private final HttpsServer server;

    private LabServer(String hostName, HttpsServer server) {
        this.hostName = hostName;
        this.server = server;
    }

    /**
     * Starts serving {@code handler} for {@code hostName}.
     *
     * @param port 0 for any free port
     */
    public static LabServer start(String hostName, int port, SSLContext tls, Executor executor, LabHandler handler) {
        return start(hostName, port, tls, executor, handler, null);
    }

    /** As {@link #start(String, int, SSLContext, Executor, LabHandler)}, recording each request in {@code log}. */
    public static LabServer start(String hostName, int port, SSLContext tls, Executor executor, LabHandler handler,
            RequestLog log) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.setExecutor(executor);
            server.createContext("/", raw -> {
                LabExchange exchange = new LabExchange(raw, log);
                try {
                    handler.handle(exchange);
                } catch (IOException e) {
                    // the connection failed under the answer (a client that timed out or went away): not a lab bug
                    LOG.log(Level.FINE, e, () -> "lab host " + hostName + " lost the connection on "
                            + raw.getRequestMethod() + " " + raw.getRequestURI().getPath());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "lab host " + hostName + " failed on " + raw.getRequestMethod() + " "
                            + raw.getRequestURI().getPath(), e);
                    if (!exchange.answered()) {
                        exchange.json(500, internalError());
                    }
                } finally {
                    raw.close();
                }
            });
            server.start();
            return new LabServer(hostName, server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the lab host " + hostName + " on loopback port " + port, e);
        }
    }

    private static Object internalError() {
        var body = LabJson.object();
        body.putObject("error").put("code", "InternalServerError").put("message", "The lab failed to serve the request.");
        return body;
    }

    public String hostName() {
        return hostName;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The Azure-shaped URL, e.g. {@code https://aoai-eus.openai.azure.com:41234/}; needs the pinned host name. */
    public URI hostUri() {
        return URI.create("https://" + hostName + ":" + port() + "/");
    }

    /** The URL any client can reach without pinning, e.g. {@code https://127.0.0.1:41234/}. */
    public URI loopbackUri() {
        return URI.create("https://127.0.0.1:" + port() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
