package io.aoailab.testing;

import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.http.LabServer;
import io.aoailab.lab.tls.LabCertificates;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Lab hosts for one service's tests, without the whole lab: HTTPS on loopback with a fresh CA, and HTTP clients that
 * trust it and pin the hosts' names to loopback, as the lab assembly does. Closing it stops every host.
 */
public final class LoopbackHosts implements AutoCloseable {
    private final LabCertificates certificates;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, LabServer> servers = new LinkedHashMap<>();
    private HttpClientFactory clients;

    /** @param hostNames the names the hosts' certificate covers */
    public LoopbackHosts(List<String> hostNames) {
        this.certificates = LabCertificates.generate(hostNames);
    }

    /** Serves {@code handler} as {@code hostName} on a free loopback port. */
    public synchronized LabServer serve(String hostName, LabHandler handler) {
        LabServer server = LabServer.start(hostName, 0, certificates.serverContext(), executor, handler);
        servers.put(hostName, server);
        return server;
    }

    /** Clients that trust the hosts' CA and resolve every served host name to loopback. */
    public synchronized HttpClientFactory clients() {
        if (clients == null) {
            Map<String, InetAddress> pinned = new LinkedHashMap<>();
            servers.keySet().forEach(host -> pinned.put(host, InetAddress.getLoopbackAddress()));
            clients = new HttpClientFactory(Duration.ofSeconds(20),
                    NetworkPosture.jdkDefaults().direct().with(List.of(certificates.caCertificate()), pinned));
        }
        return clients;
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(LabServer::close);
        if (clients != null) {
            clients.close();
        }
        executor.shutdownNow();
    }
}
