package io.aoailab.lab.foundry;

import io.aoailab.testing.LoopbackHosts;
import io.aoailab.testing.TestTokens;
import com.azure.ai.projects.AIProjectClientBuilder;
import com.azure.ai.projects.ConnectionsClient;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.config.Secret;
import io.aoailab.lab.http.LabServer;
import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.topology.FoundrySpec;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.TopologyLoader;
import io.aoailab.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Mono;

/**
 * One {@link FoundryProjectService} over HTTPS on loopback under {@code aif-aoai-lab.services.ai.azure.com}, reached
 * through {@link HttpClientFactory} with the lab CA trusted and the host pinned. The project is the shipped
 * topology's, plus the ApiKey connection {@value #KEY_CONNECTION}. The project's {@code /openai/...} surface is a stub
 * that answers 299 with the path it saw, so routing is visible. One lab per test class, closed by JUnit's store.
 */
final class FoundryLab implements BeforeAllCallback {
    static final String HOST = "aif-aoai-lab.services.ai.azure.com";
    static final String PROJECT = "proj-aoai-lab";
    static final String KEY_CONNECTION = "aoai-eus-key";
    static final String AI_AUDIENCE = "https://ai.azure.com";
    static final String COGNITIVE_AUDIENCE = "https://cognitiveservices.azure.com";
    /** The stub's status, one no real route answers with. */
    static final int STUB_STATUS = 299;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FoundryLab.class);

    private Running lab;

    @Override
    public void beforeAll(ExtensionContext context) {
        lab = context.getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class);
    }

    Topology topology() {
        return lab.topology;
    }

    String projectEndpoint() {
        return "https://" + HOST + ":" + lab.server.port() + "/api/projects/" + PROJECT;
    }

    String objectId(String principal) {
        return lab.topology.principal(principal).orElseThrow().objectId();
    }

    String token(String principal, String audience) {
        return lab.tokens.mint(objectId(principal), audience);
    }

    String key() {
        return lab.key.reveal();
    }

    /** The real azure-ai-projects 1.0.0-beta.2 connections client, without retries. */
    ConnectionsClient connections(String principal, String audience) {
        return builder(principal, audience).buildConnectionsClient();
    }

    AIProjectClientBuilder builder(String principal, String audience) {
        String token = token(principal, audience);
        TokenCredential credential = request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
        return new AIProjectClientBuilder()
                .endpoint(projectEndpoint())
                .credential(credential)
                .httpClient(lab.http.azureHttpClient())
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
    }

    OkHttpClient okHttp() {
        return lab.http.okHttp();
    }

    Answer send(Request request) {
        try (Response response = okHttp().newCall(request).execute()) {
            return new Answer(response.code(), response.headers(), response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET} under the project endpoint with a token of {@code principal} for {@code audience}. */
    Answer get(String pathAndQuery, String principal, String audience) {
        return send(new Request.Builder().url(projectEndpoint() + pathAndQuery)
                .header("Authorization", "Bearer " + token(principal, audience)).build());
    }

    Answer get(String pathAndQuery) {
        return get(pathAndQuery, "suite-caller", AI_AUDIENCE);
    }

    record Answer(int status, okhttp3.Headers headers, String body) {

        String header(String name) {
            return headers.get(name);
        }
    }

    /** The lab URL of a connection target, as the assembly would map it (here without the lab's ports). */
    static URI targetUrl(String target) {
        String name = target.substring(target.indexOf(':') + 1);
        return switch (target.substring(0, target.indexOf(':'))) {
            case "account" -> URI.create("https://" + name + ".openai.azure.com");
            case "search" -> URI.create("https://" + name + ".search.windows.net");
            case "storage" -> URI.create("https://" + name + ".blob.core.windows.net/");
            default -> throw new IllegalArgumentException(target);
        };
    }

    private static final class Running implements AutoCloseable {
        private final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T08:00:00Z"));
        private final Topology topology = topology();
        private final TestTokens tokens = new TestTokens(topology.tenant().id());
        private final AccessControl access = new AccessControl(TopologyLoader.roleAssignments(topology));
        private final Secret key = Secret.of("0123456789abcdef0123456789abcdef");
        private LoopbackHosts hosts;
        private LabServer server;
        private HttpClientFactory http;

        static Running start() {
            Running running = new Running();
            try {
                running.serve();
                return running;
            } catch (RuntimeException e) {
                running.close();
                throw e;
            }
        }

        private void serve() {
            FoundrySpec foundry = topology.foundryResource().orElseThrow();
            FoundryProjectService service = new FoundryProjectService(topology, foundry, tokens, access,
                    FoundryLab::targetUrl, target -> target.equals("account:aoai-eus") ? Optional.of(key)
                            : Optional.empty(),
                    exchange -> exchange.text(STUB_STATUS, "text/plain", "stub " + exchange.method() + " "
                            + exchange.path()),
                    clock);
            hosts = new LoopbackHosts(List.of(HOST));
            server = hosts.serve(HOST, service);
            http = hosts.clients();
        }

        private static Topology topology() {
            Topology shipped = TopologyLoader.loadDefault();
            FoundrySpec foundry = shipped.foundryResource().orElseThrow();
            List<FoundrySpec.Connection> connections = new ArrayList<>(foundry.connections());
            connections.add(new FoundrySpec.Connection(KEY_CONNECTION, "AzureOpenAI", "account:aoai-eus", "ApiKey",
                    false));
            FoundrySpec withKey = new FoundrySpec(foundry.account(), foundry.region(), foundry.deployments(),
                    foundry.project(), connections);
            return new Topology(shipped.subscriptionId(), shipped.resourceGroup(), shipped.tenant(),
                    shipped.principals(), shipped.defaultCaller(), shipped.accounts(), shipped.roleAssignments(),
                    shipped.apim(), shipped.storage(), shipped.search(), withKey);
        }

        @Override
        public void close() {
            if (hosts != null) {
                hosts.close();
            }
        }
    }
}
