package io.aoailab.lab.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.lab.tls.LabCertificates;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LabServerTest {
    private static final String HOST = "aoai-eus.openai.azure.com";
    private static final LabCertificates TLS = LabCertificates.generate(List.of(HOST));
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2);
    private static LabServer server;

    @BeforeAll
    static void start() {
        server = LabServer.start(HOST, 0, TLS.serverContext(), EXECUTOR, exchange -> {
            if (exchange.path().equals("/boom")) {
                throw new IllegalStateException("handler bug");
            }
            exchange.responseHeaders().set("x-seen-query", exchange.query("q").orElse("-"));
            exchange.text(200, "text/plain", exchange.method() + " " + exchange.path());
        });
    }

    @AfterAll
    static void stop() {
        server.close();
        EXECUTOR.shutdownNow();
    }

    private static HttpClientFactory labClients() {
        return new HttpClientFactory(Duration.ofSeconds(5), NetworkPosture.jdkDefaults().direct()
                .with(List.of(TLS.caCertificate()), Map.of(HOST, InetAddress.getLoopbackAddress())));
    }

    @Test
    void should_listen_on_the_loopback_address_only() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void should_serve_the_azure_shaped_host_name_to_a_client_that_trusts_the_lab() throws Exception {
        try (HttpClientFactory clients = labClients();
                Response response = clients.okHttp().newCall(new Request.Builder()
                        .url(server.hostUri().resolve("/openai/x?q=a%20b").toString()).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("GET /openai/x");
            assertThat(response.header("x-seen-query")).isEqualTo("a b");
        }
    }

    @Test
    void should_serve_plain_loopback_addresses_for_clients_without_pinning() throws Exception {
        try (HttpClientFactory clients = labClients();
                Response response = clients.okHttp().newCall(new Request.Builder()
                        .url(server.loopbackUri().resolve("/ping").toString()).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
    }

    @Test
    void should_not_be_trusted_by_a_client_without_the_lab_ca() {
        OkHttpClient jdkDefaults = new OkHttpClient();

        assertThatThrownBy(() -> jdkDefaults.newCall(new Request.Builder().url(server.loopbackUri().resolve("/ping").toString())
                .build()).execute()).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void should_fold_the_double_slash_of_an_endpoint_with_a_trailing_slash() throws Exception {
        // an SDK joining "https://host:port/" and "/openai/x" sends the request target "//openai/x"
        String url = server.hostUri() + "/openai/x?q=1";

        try (HttpClientFactory clients = labClients();
                Response response = clients.okHttp().newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(response.body().string()).isEqualTo("GET /openai/x");
            assertThat(response.header("x-seen-query")).isEqualTo("1");
        }
    }

    @Test
    void should_answer_500_in_azure_shape_and_log_the_failure_when_a_handler_fails() throws Exception {
        // the failure is logged, and kept here rather than printed: this test fails a handler on purpose
        Logger logger = Logger.getLogger(LabServer.class.getName());
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parents = logger.getUseParentHandlers();
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
        try (HttpClientFactory clients = labClients();
                Response response = clients.okHttp().newCall(new Request.Builder()
                        .url(server.hostUri().resolve("/boom").toString()).build()).execute()) {
            assertThat(response.code()).isEqualTo(500);
            assertThat(response.body().string()).contains("\"code\":\"InternalServerError\"");
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(parents);
        }
        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).isEqualTo("lab host " + HOST + " failed on GET /boom");
            assertThat(record.getThrown()).hasMessage("handler bug");
        });
    }
}
