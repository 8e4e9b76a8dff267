package io.aoailab.lab.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.lab.tls.LabCertificates;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client lab hosts call each other with: the lab's CA, the lab's hosts on loopback, nothing else. */
class LabBackendClientTest {
    private static final String HOST = "aoai-eus.openai.azure.com";
    private static final LabCertificates TLS = LabCertificates.generate(List.of(HOST));
    private static final LabCertificates OTHER_CA = LabCertificates.generate(List.of(HOST));
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2);
    private static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
    private static LabServer server;
    private static LabServer impostor;
    private static LabBackendClient client;

    @BeforeAll
    static void start() {
        server = LabServer.start(HOST, 0, TLS.serverContext(), EXECUTOR,
                exchange -> exchange.text(200, "text/plain", "port " + exchange.uri().getPath()));
        impostor = LabServer.start(HOST, 0, OTHER_CA.serverContext(), EXECUTOR,
                exchange -> exchange.text(200, "text/plain", "impostor"));
        PORTS.put(HOST, server.port());
        client = new LabBackendClient(TLS.caCertificate(), PORTS);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        impostor.close();
        EXECUTOR.shutdownNow();
    }

    @Test
    void should_reach_a_lab_host_by_name_on_loopback() throws Exception {
        try (Response response = client.okHttp().newCall(new Request.Builder()
                .url("https://" + HOST + ":" + server.port() + "/named").build()).execute()) {
            assertThat(response.body().string()).isEqualTo("port /named");
        }
    }

    @Test
    void should_send_a_default_port_call_to_the_port_the_lab_host_listens_on() throws Exception {
        try (Response response = client.okHttp().newCall(new Request.Builder().url("https://" + HOST + "/portless")
                .build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.request().url().port()).isEqualTo(server.port());
        }
    }

    @Test
    void should_refuse_a_host_the_lab_does_not_serve_without_asking_dns() {
        assertThatThrownBy(() -> client.okHttp().newCall(new Request.Builder().url("https://example.org/").build())
                .execute())
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("example.org is not a lab host").hasMessageContaining(HOST);
    }

    @Test
    void should_trust_the_lab_ca_only() {
        assertThatThrownBy(() -> client.okHttp().newCall(new Request.Builder()
                .url("https://" + HOST + ":" + impostor.port() + "/").build()).execute())
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void should_never_use_a_proxy_and_never_time_out_a_whole_streamed_call() {
        assertThat(client.okHttp().proxy()).isEqualTo(Proxy.NO_PROXY);
        assertThat(client.okHttp().callTimeoutMillis()).isZero();
        assertThat(client.okHttp().readTimeoutMillis()).isPositive();
        assertThat(client.okHttp().connectTimeoutMillis()).isPositive();
    }
}
