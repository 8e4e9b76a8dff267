package io.aoailab.lab.entra;

import io.aoailab.testing.MutableClock;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.lab.http.LabServer;
import io.aoailab.lab.secrets.GeneratedSecrets;
import io.aoailab.lab.tls.LabCertificates;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.TopologyLoader;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An {@link EntraAuthority} served on loopback as the lab serves it: HTTPS with the lab CA, the host name
 * {@value EntraAuthority#HOST_NAME} pinned to loopback for the clients of {@link #factory}; and the
 * {@link GitHubIssuer} it trusts, as {@value GitHubIssuer#HOST_NAME}.
 */
final class EntraLab implements AutoCloseable {
    final Topology topology = TopologyLoader.loadDefault();
    final MutableClock clock = new MutableClock(Instant.now());
    final GeneratedSecrets secrets = new GeneratedSecrets();
    final GitHubIssuer github = new GitHubIssuer(clock, secrets, GitHubIssuer.DEFAULT_LIFETIME);
    final EntraAuthority authority = new EntraAuthority(topology, clock, secrets, github);
    final LabCertificates certificates = LabCertificates.generate(List.of(EntraAuthority.HOST_NAME,
            GitHubIssuer.HOST_NAME));
    final HttpClientFactory factory = new HttpClientFactory(Duration.ofSeconds(20), NetworkPosture.jdkDefaults().direct()
            .with(List.of(certificates.caCertificate()), Map.of(EntraAuthority.HOST_NAME,
                    InetAddress.getLoopbackAddress(), GitHubIssuer.HOST_NAME, InetAddress.getLoopbackAddress())));
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    /** {@code METHOD /path} of every request the authority received, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    final LabServer server = LabServer.start(EntraAuthority.HOST_NAME, 0, certificates.serverContext(), executor,
            exchange -> {
                requests.add(exchange.method() + " " + exchange.path());
                authority.handle(exchange);
            });
    final LabServer githubServer = LabServer.start(GitHubIssuer.HOST_NAME, 0, certificates.serverContext(), executor,
            github);

    String tenantId() {
        return topology.tenant().id();
    }

    String clientId(String principal) {
        return topology.principal(principal).orElseThrow().clientId();
    }

    /** {@code https://login.microsoftonline.com:PORT}: the pinned, Azure-shaped authority host. */
    String pinnedAuthorityHost() {
        return "https://" + EntraAuthority.HOST_NAME + ":" + server.port();
    }

    /** {@code https://token.actions.githubusercontent.com:PORT/…/idtoken?api-version=2.0}: a job's token request URL. */
    String githubRequestUrl() {
        return "https://" + GitHubIssuer.HOST_NAME + ":" + githubServer.port() + github.requestPath();
    }

    /** {@code https://127.0.0.1:PORT}: what a standalone lab hands to clients that cannot pin names. */
    String loopbackAuthorityHost() {
        return "https://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
        githubServer.close();
        factory.close();
        executor.shutdownNow();
    }
}
