package io.aoailab.testing;

import io.aoailab.lab.Lab;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * For the one SDK path that builds its own HTTP client out of reach of the suite's factory: azure-ai-projects
 * 1.0.0-beta.2's {@code InferenceClient.getOpenAIClient()}, which creates an openai-java 2.3.0 OkHttp client that
 * takes neither a trust manager nor a DNS (docs/azure-facts.md §5.4). In lab mode only, and for the test JVM only:
 * <ul>
 *   <li>the JVM's default trust store becomes the JDK's CAs plus the lab CA ({@code javax.net.ssl.trustStore}
 *       pointing at a temporary PKCS12 file), which OkHttp's platform trust manager reads;</li>
 *   <li>the default {@link ProxySelector} sends the lab's host names, and only those, through a CONNECT proxy on
 *       loopback that forwards to the lab host's loopback port. Every other host keeps the previous selector.</li>
 * </ul>
 * {@link #close()} restores both. Nothing of this happens for the live target, nor for the suite's own clients,
 * which get trust and host pinning from {@code HttpClientFactory}.
 */
public final class LabJvmHooks implements AutoCloseable {
    private static final String[] TRUST_PROPERTIES = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
        "javax.net.ssl.trustStorePassword"};

    private final Map<String, String> savedProperties = new HashMap<>();
    private final ProxySelector savedSelector;
    private final ServerSocket proxy;
    private final ExecutorService pipes;
    private final Path trustStore;

    private LabJvmHooks(Lab lab) throws IOException, GeneralSecurityException {
        Set<String> labHosts = lab.pinnedHosts().keySet();
        this.trustStore = Files.createTempFile("lab-trust", ".p12");
        writeTrustStore(trustStore, lab.caCertificate());
        for (String property : TRUST_PROPERTIES) {
            savedProperties.put(property, System.getProperty(property));
        }
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", "lab");
        this.proxy = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.pipes = Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "lab-connect-proxy");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, Integer> defaultPorts = lab.defaultPortOverrides();
        pipes.submit(() -> accept(labHosts, defaultPorts));
        this.savedSelector = ProxySelector.getDefault();
        Proxy viaLab = new Proxy(Proxy.Type.HTTP, proxy.getLocalSocketAddress());
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                if (uri.getHost() != null && labHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
                    return List.of(viaLab);
                }
                return savedSelector == null ? List.of(Proxy.NO_PROXY) : savedSelector.select(uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                if (savedSelector != null) {
                    savedSelector.connectFailed(uri, address, e);
                }
            }
        });
    }

    /** Installs the hooks for {@code lab}; close the result to restore the JVM's defaults. */
    public static LabJvmHooks install(Lab lab) {
        try {
            return new LabJvmHooks(lab);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the lab's JVM hooks", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot install the lab's JVM hooks", e);
        }
    }

    @Override
    public void close() {
        ProxySelector.setDefault(savedSelector);
        savedProperties.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        try {
            proxy.close();
            Files.deleteIfExists(trustStore);
        } catch (IOException e) {
            // a temporary file the OS will clean up; nothing else to release
        }
        pipes.shutdownNow();
    }

    private static void writeTrustStore(Path file, X509Certificate labCa) throws IOException, GeneralSecurityException {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int index = 0;
        for (X509Certificate anchor : ((X509TrustManager) jdk.getTrustManagers()[0]).getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + index++, anchor);
        }
        store.setCertificateEntry("lab-ca", labCa);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "lab".toCharArray());
        }
    }

    private void accept(Set<String> labHosts, Map<String, Integer> defaultPorts) {
        while (!proxy.isClosed()) {
            try {
                Socket client = proxy.accept();
                pipes.submit(() -> tunnel(client, labHosts, defaultPorts));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    // "CONNECT host:port HTTP/1.1" to a lab host only; anything else is refused: the tunnel never leaves loopback
    private static void tunnel(Socket client, Set<String> labHosts, Map<String, Integer> defaultPorts) {
        try (client) {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] request = head.split("\\s+");
            OutputStream out = client.getOutputStream();
            int colon = request.length > 1 ? request[1].lastIndexOf(':') : -1;
            if (request.length < 2 || !request[0].equals("CONNECT") || colon < 0
                    || !labHosts.contains(request[1].substring(0, colon).toLowerCase(Locale.ROOT))) {
                out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String host = request[1].substring(0, colon).toLowerCase(Locale.ROOT);
            int port = Integer.parseInt(request[1].substring(colon + 1));
            if (port == 443 && defaultPorts.containsKey(host)) {
                port = defaultPorts.get(host);
            }
            try (Socket lab = new Socket()) {
                lab.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread upstream = new Thread(() -> copy(in, lab), "lab-connect-pipe");
                upstream.setDaemon(true);
                upstream.start();
                copy(lab.getInputStream(), client);
                upstream.join(5_000);
            }
        } catch (IOException | RuntimeException e) {
            // the client or the lab host hung up: the tunnel ends with them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && head.length() < 8192) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static void copy(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the other follows
        }
    }
}
