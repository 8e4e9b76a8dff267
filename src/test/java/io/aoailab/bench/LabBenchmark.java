package io.aoailab.bench;

import com.azure.ai.openai.responses.models.CreateResponsesRequest;
import com.azure.ai.openai.responses.models.CreateResponsesRequestModel;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.config.Client;
import io.aoailab.config.IntendedDeployment.IntendedRegion;
import io.aoailab.config.IntendedDeployment;
import io.aoailab.config.PoolIntent;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.report.Redactor;
import io.aoailab.testing.LabVariant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A measuring harness for the lab (not a test: numbers, no verdicts). Run it with
 * {@code mvn -q test-compile exec:exec@bench}. It reports the lab's start-up time (in fresh JVMs, with the default
 * JIT and with the C1-only flag the test JVMs use, then warm starts), the first token from the lab's Entra authority through azure-identity, and the latency and
 * throughput of {@code POST /openai/responses} sequentially and with 8 concurrent callers.
 */
public final class LabBenchmark {
    private static final int COLD_STARTS = 5;
    private static final int WARM_STARTS = 20;
    private static final int SEQUENTIAL = 1_000;
    private static final int CONCURRENT = 4_000;
    private static final int CALLERS = 8;

    private LabBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("cold")) {
            try (Lab lab = Lab.start(LabOptions.defaults())) {
                System.out.println(lab.startupTime().toNanos());
            }
            return;
        }
        for (String flags : List.of("", "-XX:TieredStopAtLevel=1")) {
            List<Long> cold = new ArrayList<>();
            for (int i = 0; i < COLD_STARTS; i++) {
                cold.add(coldStart(flags));
            }
            System.out.printf("lab start in a fresh JVM%s: median %.0f ms, max %.0f ms (n=%d)%n",
                    flags.isEmpty() ? "" : " with " + flags, ms(percentile(cold, 50)), ms(percentile(cold, 100)),
                    COLD_STARTS);
        }
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < WARM_STARTS; i++) {
            warm.add(timed(() -> {
                Lab.start(LabOptions.defaults()).close();
                return 0;
            }));
        }
        System.out.printf("lab start, warm JVM: median %.1f ms, p95 %.1f ms (n=%d)%n",
                ms(percentile(warm, 50)), ms(percentile(warm, 95)), WARM_STARTS);

        try (Lab lab = Lab.start(LabOptions.defaults().withTopology(Optional.of(unthrottledTopology())));
                HttpClientFactory http = new HttpClientFactory(Duration.ofSeconds(10), NetworkPosture.jdkDefaults().direct()
                        .with(List.of(lab.caCertificate()), lab.pinnedHosts()))) {
            Lab.PrincipalCredentials caller = lab.credentials(lab.topology().defaultCaller());
            var credential = new ClientSecretCredentialBuilder().authorityHost(lab.authorityHostUri().toString())
                    .tenantId(caller.tenantId()).clientId(caller.clientId()).clientSecret(caller.clientSecret().reveal())
                    .disableInstanceDiscovery().httpClient(http.azureHttpClient()).build();
            String[] token = new String[1];
            long first = timed(() -> {
                token[0] = credential.getTokenSync(new TokenRequestContext()
                        .addScopes("https://cognitiveservices.azure.com/.default")).getToken();
                return 0;
            });
            System.out.printf("first token via ClientSecretCredential: %.1f ms%n", ms(first));

            OkHttpClient client = http.okHttp();
            String url = lab.account("aoai-eus").hostUri() + "openai/responses?api-version=2025-03-01-preview";
            Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token[0])
                    .post(RequestBody.create("{\"model\":\"gpt-4o\",\"input\":\"How fast is the lab?\","
                            + "\"max_output_tokens\":32,\"store\":false}", MediaType.get("application/json"))).build();
            for (int i = 0; i < 200; i++) {
                call(client, request); // warm-up: JIT, connection pool
            }
            List<Long> latencies = new ArrayList<>();
            long sequential = timed(() -> {
                for (int i = 0; i < SEQUENTIAL; i++) {
                    latencies.add(timed(() -> call(client, request)));
                }
                return 0;
            });
            System.out.printf("POST /openai/responses sequential: p50 %.2f ms, p99 %.2f ms, %.0f req/s (n=%d)%n",
                    ms(percentile(latencies, 50)), ms(percentile(latencies, 99)), SEQUENTIAL / (sequential / 1e9),
                    SEQUENTIAL);
            Lab.LabApim apim = lab.apim().orElseThrow();
            Request viaApim = new Request.Builder()
                    .url(apim.hostUri() + "openai/responses?api-version=2025-03-01-preview")
                    .header("api-key", apim.subscriptionKey().reveal())
                    .post(request.body()).build();
            for (int i = 0; i < 200; i++) {
                call(client, viaApim);
            }
            List<Long> gatewayLatencies = new ArrayList<>();
            long throughGateway = timed(() -> {
                for (int i = 0; i < SEQUENTIAL; i++) {
                    gatewayLatencies.add(timed(() -> call(client, viaApim)));
                }
                return 0;
            });
            System.out.printf("POST via the APIM gateway (policy, pool, forward), sequential: p50 %.2f ms, p99 %.2f ms,"
                    + " %.0f req/s (n=%d)%n", ms(percentile(gatewayLatencies, 50)), ms(percentile(gatewayLatencies, 99)),
                    SEQUENTIAL / (throughGateway / 1e9), SEQUENTIAL);
            // the suite's own way in, with each client: the SDK plus the capture policy (usage read from every body;
            // a stream read ahead off the connection by the tap)
            for (Client sdk : Client.values()) {
                AccessPath direct = AccessPath.direct("East US", lab.account("aoai-eus").hostUri(), credential, sdk,
                        new AccessPath.Settings(http.azureHttpClient(), "2025-03-01-preview", Clock.systemUTC(),
                                new Redactor(), new IntendedDeployment("gpt-4o", List.of(new IntendedRegion("East US",
                                        50), new IntendedRegion("East US 2", 50)), Map.of(), Optional.empty(),
                                        new PoolIntent("x-ms-region", Duration.ofSeconds(10), Duration.ofSeconds(10)))));
                Ask ask = Ask.of("gpt-4o", "How fast is the lab?").maxOutputTokens(32);
                for (int i = 0; i < 200; i++) {
                    direct.call(api -> api.create(ask)).value();
                    direct.call(api -> api.stream(ask)).value();
                }
                for (boolean streamed : new boolean[] {false, true}) {
                    List<Long> sdkLatencies = new ArrayList<>();
                    for (int i = 0; i < SEQUENTIAL; i++) {
                        sdkLatencies.add(timed(() -> {
                            if (streamed) {
                                direct.call(api -> api.stream(ask)).value();
                            } else {
                                direct.call(api -> api.create(ask)).value();
                            }
                            return 0;
                        }));
                    }
                    System.out.printf("%s through AccessPath (%s + CallCapture), sequential: p50 %.2f ms, p99 %.2f ms"
                            + " (n=%d)%n", streamed ? "streamed create, every event read" : "create", sdk.configName(),
                            ms(percentile(sdkLatencies, 50)), ms(percentile(sdkLatencies, 99)), SEQUENTIAL);
                }
            }
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                long concurrent = timed(() -> {
                    List<Future<Long>> futures = new ArrayList<>();
                    for (int i = 0; i < CONCURRENT; i++) {
                        futures.add(callers.submit(() -> call(client, request)));
                    }
                    for (Future<Long> future : futures) {
                        future.get(30, TimeUnit.SECONDS);
                    }
                    return 0;
                });
                System.out.printf("POST /openai/responses with %d callers: %.0f req/s (n=%d)%n", CALLERS,
                        CONCURRENT / (concurrent / 1e9), CONCURRENT);
            } finally {
                callers.shutdownNow();
            }
        }
    }

    /** One lab start in a JVM of its own: what the first start of a test run costs. */
    private static long coldStart(String flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!flags.isEmpty()) {
            command.add(flags);
        }
        command.addAll(List.of("-classpath", System.getProperty("java.class.path"), LabBenchmark.class.getName(), "cold"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("a cold lab start took over 60 s");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return Long.parseLong(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    /**
     * The shipped topology with limits high enough that the harness measures the lab, not its rate limiter, and
     * streams unpaced, so a streamed create measures the lab's own work, not the model's emulated think time.
     */
    private static Path unthrottledTopology() {
        return LabVariant.topologyFile(yaml -> yaml.replace("tokensPerMinute: 450000", "tokensPerMinute: 100000000")
                .replace("requestsPerMinute: 2700", "requestsPerMinute: 10000000")
                .replace("streamPace: {firstTokenMs: 10, perTokenMs: 2}", "streamPace: {firstTokenMs: 0, perTokenMs: 0}"));
    }

    private static long call(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("the lab answered " + response.code() + ": " + response.body().string());
            }
            return response.body().bytes().length;
        }
    }

    @FunctionalInterface
    private interface Work {
        long run() throws Exception;
    }

    private static long timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
