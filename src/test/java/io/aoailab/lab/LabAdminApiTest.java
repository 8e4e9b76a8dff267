package io.aoailab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aoailab.lab.http.LabBackendClient;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.http.LabServer;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The standalone lab's admin API, as curl meets it on loopback. */
class LabAdminApiTest {
    private static Lab lab;
    private static LabServer admin;
    private static LabBackendClient http;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabOptions.defaults());
        admin = lab.serveAdminApi(0);
        http = new LabBackendClient(lab.caCertificate(), Map.copyOf(lab.defaultPortOverrides()));
    }

    @AfterAll
    static void stop() {
        http.close();
        lab.close();
    }

    @Test
    void should_report_the_emitted_token_metrics_and_the_tokens_per_subscription_they_add_up_to() throws Exception {
        // GIVEN one create through the gateway
        Lab.LabApim apim = lab.apim().orElseThrow();
        JsonNode created;
        try (Response response = http.okHttp().newCall(new Request.Builder()
                .url(apim.loopbackUri() + "openai/responses?api-version=2025-03-01-preview")
                .header("api-key", apim.subscriptionKey().reveal())
                .post(RequestBody.create("{\"model\":\"gpt-4o\",\"input\":\"Count me\"}",
                        MediaType.get("application/json"))).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            created = LabJson.MAPPER.readTree(response.body().bytes());
        }

        // WHEN
        JsonNode report;
        try (Response response = http.okHttp().newCall(new Request.Builder()
                .url(admin.loopbackUri() + "admin/apim").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            report = LabJson.MAPPER.readTree(response.body().bytes());
        }

        // THEN
        long total = created.path("usage").path("total_tokens").asLong();
        assertThat(report.path("tokensBySubscription").path("suite").asLong()).isEqualTo(total);
        assertThat(report.path("metrics")).anySatisfy(metric -> {
            assertThat(metric.path("name").asText()).isEqualTo("Total Tokens");
            assertThat(metric.path("value").asDouble()).isEqualTo(total);
            assertThat(metric.path("dimensions").path("Subscription ID").asText()).isEqualTo("suite");
        });
        assertThat(report.path("breakerTrips").has("aoai-eus")).isTrue();
    }
}
