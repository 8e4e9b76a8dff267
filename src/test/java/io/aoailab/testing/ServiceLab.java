package io.aoailab.testing;

import com.azure.core.http.HttpClient;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.lab.faults.FaultControl;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.http.LabServer;
import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.TopologyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The part every one-service lab fixture shares: a JUnit 5 extension that serves one kind of lab service over HTTPS on
 * loopback, under the services' Azure-shaped host names, reached through {@link HttpClientFactory} with the lab CA
 * trusted and the names pinned ({@link LoopbackHosts}) — the way the suite reaches the lab.
 *
 * <p>A subclass names the topology, the clock's start and the token audience, and builds its services on the
 * {@link Shared} state; it is registered as a static {@code @RegisterExtension} field. The running services are held
 * in JUnit's store under the subclass's own namespace, so there is one lab per test class (nested classes share their
 * outer class's) and JUnit closes it when the class is done; faults are reset after each test.
 *
 * <p>A base class rather than a value each fixture holds: the tests call these accessors on the fixture
 * ({@code LAB.clock()}, {@code LAB.send(...)}), and a held value would have every fixture delegate to each of them.
 *
 * @param <S> the kind of service served
 */
public abstract class ServiceLab<S extends LabHandler> implements BeforeAllCallback, AfterEachCallback {
    private final Instant clockStart;
    private final String audience;
    private final Supplier<Topology> topologyToServe;
    private Running<S> lab;

    /**
     * @param start    where the lab's clock starts
     * @param audience the audience {@link #token(String)} mints for: the one the services demand
     * @param topology the topology to serve, built once per test class
     */
    protected ServiceLab(Instant start, String audience, Supplier<Topology> topology) {
        this.clockStart = start;
        this.audience = audience;
        this.topologyToServe = topology;
    }

    /**
     * Builds the services on {@code shared}, by the names {@link #service(String)} and {@link #endpoint(String)} take,
     * each with the host name it is served under. Called once per test class, before anything is served.
     */
    protected abstract Map<String, Hosted<S>> createServices(Shared shared);

    /** What every service of the lab is built on. */
    public record Shared(MutableClock clock, FaultControl faults, Topology topology, TestTokens tokens,
            AccessControl access) {
    }

    /** A service and the host name it is served under. */
    public record Hosted<T>(String hostName, T service) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public final void beforeAll(ExtensionContext context) {
        lab = context.getStore(ExtensionContext.Namespace.create(getClass()))
                .getOrComputeIfAbsent(Running.class, k -> Running.start(this), Running.class);
    }

    @Override
    public final void afterEach(ExtensionContext context) {
        lab.shared.faults().reset();
    }

    public MutableClock clock() {
        return lab.shared.clock();
    }

    public FaultControl faults() {
        return lab.shared.faults();
    }

    /** The lab's RBAC engine: tests may grant and revoke while the lab runs, and must restore what they change. */
    public AccessControl access() {
        return lab.shared.access();
    }

    public Topology topology() {
        return lab.shared.topology();
    }

    public TestTokens tokens() {
        return lab.shared.tokens();
    }

    public S service(String name) {
        return lab.services.get(name).service();
    }

    /** {@code https://HOST:PORT} of the service {@code name}: its Azure host name, pinned to loopback. */
    public String endpoint(String name) {
        return "https://" + lab.services.get(name).hostName() + ":" + lab.servers.get(name).port();
    }

    public String objectId(String principal) {
        return topology().principal(principal).orElseThrow().objectId();
    }

    /** A valid token of a principal of the topology (e.g. {@code suite-caller}) for the services' audience. */
    public String token(String principal) {
        return token(principal, audience);
    }

    public String token(String principal, String audience) {
        return tokens().mint(objectId(principal), audience);
    }

    public OkHttpClient okHttp() {
        return lab.http.okHttp();
    }

    /** The HTTP client to give an Azure SDK client builder. */
    public HttpClient azureHttpClient() {
        return lab.http.azureHttpClient();
    }

    /** A request as a raw client sends it, to see bodies and headers the SDKs hide. */
    public Answer send(Request request) {
        try (Response response = okHttp().newCall(request).execute()) {
            return new Answer(response.code(), response.headers(), response.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed by JUnit's store when the test class is done (JUnit 5.13+ closes {@link AutoCloseable} values). */
    private static final class Running<S extends LabHandler> implements AutoCloseable {
        private final Shared shared;
        private final Map<String, Hosted<S>> services = new LinkedHashMap<>();
        private final Map<String, LabServer> servers = new LinkedHashMap<>();
        private LoopbackHosts hosts;
        private HttpClientFactory http;

        private Running(Shared shared) {
            this.shared = shared;
        }

        static <S extends LabHandler> Running<S> start(ServiceLab<S> fixture) {
            MutableClock clock = new MutableClock(fixture.clockStart);
            Topology topology = fixture.topologyToServe.get();
            Running<S> running = new Running<>(new Shared(clock, new FaultControl(clock), topology,
                    new TestTokens(topology.tenant().id()),
                    new AccessControl(TopologyLoader.roleAssignments(topology))));
            try {
                running.serve(fixture.createServices(running.shared));
                return running;
            } catch (RuntimeException e) {
                running.close();
                throw e;
            }
        }

        private void serve(Map<String, Hosted<S>> created) {
            services.putAll(created);
            hosts = new LoopbackHosts(created.values().stream().map(Hosted::hostName).toList());
            created.forEach((name, hosted) -> servers.put(name, hosts.serve(hosted.hostName(), hosted.service())));
            http = hosts.clients();
        }

        @Override
        public void close() {
            if (hosts != null) {
                hosts.close();
            }
        }
    }
}
