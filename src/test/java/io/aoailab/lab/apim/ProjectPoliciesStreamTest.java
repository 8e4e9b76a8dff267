package io.aoailab.lab.apim;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.http.LabBackendClient;
import io.aoailab.testing.LabVariant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's policies stream end to end: through the lab's gateway, a streamed create's text deltas reach the client
 * spread out as the account paces them, not in one block (buffer-response="false", and no outbound read of a streamed
 * body; docs/apim-gateway.md §2.3, §7).
 */
class ProjectPoliciesStreamTest {
    private static final int FIRST_TOKEN_MS = 80;
    private static final int PER_TOKEN_MS = 30;

    @ParameterizedTest
    @ValueSource(strings = {"openai-load-balancer.xml", "openai-load-balancer-simple.xml"})
    void should_pass_a_streamed_reply_on_delta_by_delta_through_the_gateway(String policy) throws IOException {
        // GIVEN the shipped topology with the policy under test and accounts that stream slowly enough to measure
        String pace = "streamPace: {firstTokenMs: " + FIRST_TOKEN_MS + ", perTokenMs: " + PER_TOKEN_MS + "}";
        try (Lab lab = Lab.start(LabOptions.defaults().withTopology(Optional.of(LabVariant.topologyFile(yaml -> yaml
                .replace("streamPace: {firstTokenMs: 10, perTokenMs: 2}", pace)
                .replace("classpath:apim-policies/openai-load-balancer.xml", "classpath:apim-policies/" + policy)))));
                LabBackendClient http = new LabBackendClient(lab.caCertificate(), Map.copyOf(lab.defaultPortOverrides()))) {
            Lab.LabApim apim = lab.apim().orElseThrow();
            List<Long> deltas = new ArrayList<>();

            // WHEN
            long sent = System.nanoTime();
            try (Response response = http.okHttp().newCall(new Request.Builder()
                    .url(apim.hostUri() + "openai/responses?api-version=2025-03-01-preview")
                    .header("api-key", apim.subscriptionKey().reveal())
                    .post(RequestBody.create("{\"model\":\"gpt-4o\",\"input\":\"Stream through the gateway\","
                            + "\"stream\":true}", MediaType.get("application/json"))).build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("x-backend-region")).isIn("East US", "East US 2");
                BufferedSource source = response.body().source();
                for (String line; (line = source.readUtf8Line()) != null; ) {
                    if (line.equals("event: response.output_text.delta")) {
                        deltas.add(System.nanoTime());
                    }
                }
            }

            // THEN spread out as the account sent them (lower bounds; the spread allows for a late first read)
            int tokens = deltas.size();
            assertThat(tokens).isGreaterThan(5);
            assertThat((deltas.get(0) - sent) / 1_000_000).isGreaterThanOrEqualTo(FIRST_TOKEN_MS);
            assertThat((deltas.get(tokens - 1) - deltas.get(0)) / 1_000_000)
                    .as("milliseconds from the first delta to the last, of %d", tokens)
                    .isGreaterThanOrEqualTo((tokens - 1L) * PER_TOKEN_MS / 2);
        }
    }
}
