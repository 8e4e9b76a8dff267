package io.aoailab.lab.apim;

import io.aoailab.lab.apim.policy.Policy;
import io.aoailab.lab.entra.EntraAuthority;
import io.aoailab.lab.http.LabBackendClient;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabServer;
import io.aoailab.lab.tls.LabCertificates;
import io.aoailab.lab.topology.ApimSpec;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.TopologyLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The lab's real gateway (subscription check, policy engine, forwarder) in front of one backend whose answer a test
 * writes itself, chunk by chunk: how a test sees what the gateway does with a body while it is still arriving. Every
 * pool member and backend of the shipped topology's gateway is that one backend.
 */
final class ScriptedBackendGateway implements AutoCloseable {
    private static final String BACKEND_HOST = "aoai-eus.openai.azure.com";
    private static final String GATEWAY_HOST = "apim-aoai-lab.azure-api.net";

    /** What the backend writes after its headers (200, text/event-stream): chunks, each flushed as it is written. */
    @FunctionalInterface
    interface Script {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "scripted-gateway");
        thread.setDaemon(true);
        return thread;
    });
    private final LabServer backend;
    private final LabServer gatewayServer;
    private final ApimGateway gateway;
    private final LabBackendClient backendClient;
    private final LabBackendClient client;

    /** @param policyXml the gateway's policy */
    ScriptedBackendGateway(String policyXml, Script script) throws Exception {
        LabCertificates tls = LabCertificates.generate(List.of("*.openai.azure.com", "*.azure-api.net"));
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        backend = LabServer.start(BACKEND_HOST, 0, tls.serverContext(), executor, exchange -> serve(exchange, script));
        ports.put(BACKEND_HOST, backend.port());
        Topology topology = TopologyLoader.loadDefault();
        ApimSpec spec = topology.apimGateway().orElseThrow();
        backendClient = new LabBackendClient(tls.caCertificate(), ports);
        gateway = new ApimGateway(spec, Policy.parse(policyXml, "scripted.xml"),
                new EntraAuthority(topology, Clock.systemUTC()), account -> backend.hostUri(), backendClient.okHttp(),
                Clock.systemUTC());
        gatewayServer = LabServer.start(GATEWAY_HOST, 0, tls.serverContext(), executor, gateway);
        ports.put(GATEWAY_HOST, gatewayServer.port());
        client = new LabBackendClient(tls.caCertificate(), ports);
    }

    private static void serve(LabExchange exchange, Script script) throws IOException {
        try {
            exchange.body(1 << 20);
        } catch (io.aoailab.lab.http.BodyTooLargeException e) {
            throw new IOException(e);
        }
        exchange.responseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.responseHeaders().set("x-ms-region", "East US");
        try (OutputStream out = exchange.stream(200)) {
            script.write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ApimGateway gateway() {
        return gateway;
    }

    /** A streamed create through the gateway, with the default subscription's key. */
    okhttp3.Call create(String json) {
        URI url = gatewayServer.hostUri().resolve("/openai/responses?api-version=2025-03-01-preview");
        return client.okHttp().newCall(new Request.Builder().url(url.toString())
                .header("api-key", gateway.primaryKey(gateway.defaultSubscription()).reveal())
                .post(RequestBody.create(json, MediaType.get("application/json"))).build());
    }

    @Override
    public void close() {
        client.close();
        backendClient.close();
        gatewayServer.close();
        backend.close();
        executor.shutdownNow();
    }
}
