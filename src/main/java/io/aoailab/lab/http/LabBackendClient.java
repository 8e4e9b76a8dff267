package io.aoailab.lab.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The HTTP client one lab host uses to call another (the APIM gateway forwarding to the accounts). It reaches the lab
 * and nothing else:
 * <ul>
 *   <li>it trusts the lab's CA only, not the JDK's anchors: a lab host never talks to a server the lab did not start;</li>
 *   <li>it resolves every lab host name to loopback, and refuses any other name (no DNS query ever leaves the
 *       machine);</li>
 *   <li>a call to a lab host on the scheme's default port goes to the port that host listens on, as portless URLs
 *       (connection targets, URLs a policy builds) mean that host;</li>
 *   <li>it never uses a proxy, whatever the environment or the JVM says: loopback traffic must not leave through one;</li>
 *   <li>it has timeouts on connect, read and write, and none on the whole call, so a streamed answer may last as long
 *       as its events keep coming (a caller sets the read timeout it needs per call).</li>
 * </ul>
 * Closing it shuts down its dispatcher and connection pool.
 */
public final class LabBackendClient implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(300);

    private final OkHttpClient okHttp;

    /**
     * @param labCa the CA of the lab's certificates
     * @param hostPorts every lab host name (lower case) with the port it listens on; a live view, read at each call, so
     *                  hosts started later are reached too
     */
    public LabBackendClient(X509Certificate labCa, Map<String, Integer> hostPorts) {
        X509TrustManager trust = trusting(labCa);
        this.okHttp = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(16, 1, TimeUnit.MINUTES))
                .connectTimeout(CONNECT_TIMEOUT)
                .writeTimeout(WRITE_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .proxy(Proxy.NO_PROXY)
                .sslSocketFactory(tls(trust).getSocketFactory(), trust)
                .dns(loopbackOnly(hostPorts))
                .addInterceptor(defaultPortToLabPort(hostPorts))
                .build();
    }

    /** The client; callers may derive per-call variants ({@code newBuilder()}), which share its pool. */
    public OkHttpClient okHttp() {
        return okHttp;
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    private static Dns loopbackOnly(Map<String, Integer> hostPorts) {
        return hostname -> {
            String host = hostname.toLowerCase(Locale.ROOT);
            if (hostPorts.containsKey(host) || host.equals("127.0.0.1") || host.equals("localhost")) {
                return List.of(InetAddress.getLoopbackAddress());
            }
            throw new UnknownHostException(hostname + " is not a lab host; a lab host reaches only the lab's own hosts ("
                    + String.join(", ", hostPorts.keySet()) + ")");
        };
    }

    private static Interceptor defaultPortToLabPort(Map<String, Integer> hostPorts) {
        return chain -> {
            HttpUrl url = chain.request().url();
            Integer port = hostPorts.get(url.host().toLowerCase(Locale.ROOT));
            if (port == null || url.port() != HttpUrl.defaultPort(url.scheme())) {
                return chain.proceed(chain.request());
            }
            return chain.proceed(chain.request().newBuilder().url(url.newBuilder().port(port).build()).build());
        };
    }

    private static X509TrustManager trusting(X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("lab-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("The JDK offers no X509TrustManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a trust store holding the lab CA", e);
        }
    }

    private static SSLContext tls(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a TLS context trusting the lab CA", e);
        }
    }
}
