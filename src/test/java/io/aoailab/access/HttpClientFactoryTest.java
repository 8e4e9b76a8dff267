package io.aoailab.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpClientFactoryTest {

    @Test
    void should_bound_every_call_by_the_configured_timeout() {
        try (HttpClientFactory factory = new HttpClientFactory(Duration.ofSeconds(7), NetworkPosture.jdkDefaults())) {
            OkHttpClient client = factory.okHttp();

            assertThat(List.of(client.connectTimeoutMillis(), client.readTimeoutMillis(), client.writeTimeoutMillis(),
                    client.callTimeoutMillis())).containsOnly(7_000);
            assertThat(client.dispatcher().getMaxRequests()).isEqualTo(HttpClientFactory.MAX_CONCURRENT_CALLS);
        }
    }

    @Test
    void should_add_extra_cas_to_the_jdk_trust_instead_of_replacing_it() throws Exception {
        X509Certificate[] jdkAnchors = jdkTrust().getAcceptedIssuers();
        X509Certificate extra = jdkAnchors[0];

        X509TrustManager trust = HttpClientFactory.trustManager(List.of(extra));

        assertThat(trust.getAcceptedIssuers()).hasSizeGreaterThanOrEqualTo(jdkAnchors.length).contains(jdkAnchors);
    }

    @Test
    void should_resolve_pinned_hosts_to_their_address_only() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        NetworkPosture posture = NetworkPosture.jdkDefaults().with(List.of(),
                Map.of("aoai-eus.openai.azure.com", loopback));

        try (HttpClientFactory factory = new HttpClientFactory(Duration.ofSeconds(5), posture)) {
            assertThat(factory.okHttp().dns().lookup("AOAI-EUS.openai.azure.com")).containsExactly(loopback);
        }
    }

    private static X509TrustManager jdkTrust() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
