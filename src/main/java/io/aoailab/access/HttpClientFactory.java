package io.aoailab.access;

import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Configuration;
import java.net.InetAddress;
import java.net.Proxy;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * The one place the suite's HTTP clients are built: every client has the configured timeout on connect, read,
 * write and the whole call, a bounded dispatcher, and the trust and host pinning of its {@link NetworkPosture}.
 * Every Azure SDK client and azure-identity credential the suite builds gets {@link #azureHttpClient()}.
 *
 * <p>Closing the factory shuts down the shared dispatcher and connection pool.
 */
public final class HttpClientFactory implements AutoCloseable {
    /** At most this many calls are in flight at once, so no test can flood a target. */
    static final int MAX_CONCURRENT_CALLS = 32;

    private final OkHttpClient okHttp;
    private final Duration timeout;
    private final boolean proxied;

    public HttpClientFactory(Duration timeout, NetworkPosture posture) {
        this.timeout = timeout;
        this.proxied = posture.proxied();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
        dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(8, 1, TimeUnit.MINUTES))
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .retryOnConnectionFailure(false);
        if (!posture.proxied()) {
            builder.proxy(Proxy.NO_PROXY);
        }
        if (!posture.extraTrustedCas().isEmpty()) {
            X509TrustManager trust = trustManager(posture.extraTrustedCas());
            builder.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
        }
        if (!posture.pinnedHosts().isEmpty()) {
            builder.dns(pinning(posture));
        }
        if (!posture.defaultPortOverrides().isEmpty()) {
            builder.addInterceptor(chain -> {
                okhttp3.HttpUrl url = chain.request().url();
                Integer port = posture.defaultPortOverrides().get(url.host());
                boolean defaultPort = url.port() == okhttp3.HttpUrl.defaultPort(url.scheme());
                return chain.proceed(port != null && defaultPort
                        ? chain.request().newBuilder().url(url.newBuilder().port(port).build()).build()
                        : chain.request());
            });
        }
        this.okHttp = builder.build();
    }

    /** The shared OkHttp client, for callers that speak HTTP without an Azure SDK. */
    public OkHttpClient okHttp() {
        return okHttp;
    }

    /**
     * An azure-core {@link HttpClient} on the shared OkHttp client. The timeouts are set again here because
     * azure-core's builder otherwise puts its own defaults (or {@code AZURE_REQUEST_*_TIMEOUT}) over the client's;
     * the proxy comes from azure-core's global configuration only where the posture allows a proxy.
     */
    public HttpClient azureHttpClient() {
        OkHttpAsyncHttpClientBuilder builder = new OkHttpAsyncHttpClientBuilder(okHttp).connectionTimeout(timeout)
                .readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout);
        if (!proxied) {
            builder.configuration(Configuration.NONE);
        }
        return builder.build();
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    private static Dns pinning(NetworkPosture posture) {
        return hostname -> {
            InetAddress pinned = posture.pinnedHosts().get(hostname.toLowerCase(Locale.ROOT));
            return pinned != null ? List.of(pinned) : Dns.SYSTEM.lookup(hostname);
        };
    }

    /** The JDK's trust anchors plus the extra CAs: adding trust, never replacing it. */
    static X509TrustManager trustManager(List<X509Certificate> extraCas) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate anchor : jdkTrustManager().getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + index++, anchor);
            }
            for (X509Certificate extra : extraCas) {
                store.setCertificateEntry("extra-" + index++, extra);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return onlyX509(factory.getTrustManagers());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot build the trust store with the extra CA certificates", e);
        }
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return onlyX509(factory.getTrustManagers());
    }

    private static X509TrustManager onlyX509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JDK offers no X509TrustManager");
    }

    private static SSLContext sslContext(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build a TLS context", e);
        }
    }
}
