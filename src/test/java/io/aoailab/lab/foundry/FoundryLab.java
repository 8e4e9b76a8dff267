package io.aoailab.lab.foundry;

import com.azure.ai.projects.AIProjectClientBuilder;
import com.azure.ai.projects.ConnectionsClient;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.FoundrySpec;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.TopologyLoader;
import io.aoailab.testing.Answer;
import io.aoailab.testing.ServiceLab;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Request;
import reactor.core.publisher.Mono;

/**
 * One {@link FoundryProjectService} over HTTPS on loopback under {@code aif-aoai-lab.services.ai.azure.com}, reached
 * through {@link HttpClientFactory} with the lab CA trusted and the host pinned. The project is the shipped
 * topology's, plus the ApiKey connection {@value #KEY_CONNECTION}. The project's {@code /openai/...} surface is a stub
 * that answers 299 with the path it saw, so routing is visible. One lab per test class, closed by JUnit's store.
 */
final class FoundryLab extends ServiceLab<FoundryProjectService> {
    static final String HOST = "aif-aoai-lab.services.ai.azure.com";
    static final String PROJECT = "proj-aoai-lab";
    static final String KEY_CONNECTION = "aoai-eus-key";
    static final String AI_AUDIENCE = "https://ai.azure.com";
    static final String COGNITIVE_AUDIENCE = "https://cognitiveservices.azure.com";
    /** The stub's status, one no real route answers with. */
    static final int STUB_STATUS = 299;

    /** The key of the account {@code aoai-eus} that the connection {@value #KEY_CONNECTION} hands out. */
    private static final LabSecret KEY = LabSecret.of("0123456789abcdef0123456789abcdef");

    FoundryLab() {
        super(Instant.parse("2025-06-02T08:00:00Z"), AI_AUDIENCE, FoundryLab::labTopology);
    }

    String projectEndpoint() {
        return endpoint(HOST) + "/api/projects/" + PROJECT;
    }

    String key() {
        return KEY.reveal();
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
                .httpClient(azureHttpClient())
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
    }

    /** {@code GET} under the project endpoint with a token of {@code principal} for {@code audience}. */
    Answer get(String pathAndQuery, String principal, String audience) {
        return send(new Request.Builder().url(projectEndpoint() + pathAndQuery)
                .header("Authorization", "Bearer " + token(principal, audience)).build());
    }

    Answer get(String pathAndQuery) {
        return get(pathAndQuery, "suite-caller", AI_AUDIENCE);
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

    /** The project, served under {@value #HOST} and named by it. */
    @Override
    protected Map<String, Hosted<FoundryProjectService>> createServices(Shared shared) {
        Topology topology = shared.topology();
        FoundrySpec foundry = topology.foundryResource().orElseThrow();
        FoundryProjectService service = new FoundryProjectService(topology, foundry, shared.tokens(), shared.access(),
                FoundryLab::targetUrl, target -> target.equals("account:aoai-eus") ? Optional.of(KEY)
                        : Optional.empty(),
                exchange -> exchange.text(STUB_STATUS, "text/plain", "stub " + exchange.method() + " "
                        + exchange.path()),
                shared.clock());
        return Map.of(HOST, new Hosted<>(HOST, service));
    }

    private static Topology labTopology() {
        Topology shipped = TopologyLoader.loadDefault();
        FoundrySpec foundry = shipped.foundryResource().orElseThrow();
        List<FoundrySpec.Connection> connections = new ArrayList<>(foundry.connections());
        connections.add(new FoundrySpec.Connection(KEY_CONNECTION, "AzureOpenAI", "account:aoai-eus", "ApiKey",
                false));
        FoundrySpec withKey = foundry.withConnections(connections);
        return new Topology(shipped.subscriptionId(), shipped.resourceGroup(), shipped.tenant(),
                shipped.principals(), shipped.defaultCaller(), shipped.accounts(), shipped.roleAssignments(),
                shipped.apim(), shipped.storage(), shipped.search(), withKey);
    }
}
