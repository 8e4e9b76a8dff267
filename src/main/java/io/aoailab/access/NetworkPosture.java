package io.aoailab.access;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What the suite's HTTP clients trust and resolve beyond the JDK defaults.
 *
 * <p>Live: nothing, or the CAs of {@code EXTRA_CA_CERT_FILE} (TLS-inspecting proxies, a standalone lab).
 * Lab: the lab's CA and its Azure-shaped host names pinned to loopback, and no proxy. Only clients built from this
 * posture see either; the JVM's default trust and DNS stay as they are.
 *
 * @param extraTrustedCas CA certificates trusted in addition to the JDK's
 * @param pinnedHosts host names resolved to a fixed address instead of asking DNS
 * @param defaultPortOverrides for a host called on the scheme's default port (443), the port to use instead: how a
 *                             lab host answers a URL an SDK builds without a port
 * @param proxied whether calls may go through the proxy the environment or the JVM configures
 */
public record NetworkPosture(List<X509Certificate> extraTrustedCas, Map<String, InetAddress> pinnedHosts,
        Map<String, Integer> defaultPortOverrides, boolean proxied) {

    public NetworkPosture {
        extraTrustedCas = List.copyOf(extraTrustedCas);
        pinnedHosts = Map.copyOf(pinnedHosts);
        defaultPortOverrides = Map.copyOf(defaultPortOverrides);
    }

    public NetworkPosture(List<X509Certificate> extraTrustedCas, Map<String, InetAddress> pinnedHosts) {
        this(extraTrustedCas, pinnedHosts, Map.of(), true);
    }

    /**
     * What the JDK and azure-core do by default, proxy included: {@code HTTPS_PROXY}/{@code NO_PROXY} (azure-core's
     * global configuration) or the JVM's proxy properties, which a user behind a corporate proxy needs for live Azure.
     */
    public static NetworkPosture jdkDefaults() {
        return new NetworkPosture(List.of(), Map.of());
    }

    /** This posture, with default-port calls to these hosts sent to the given ports. */
    public NetworkPosture withDefaultPortOverrides(Map<String, Integer> overrides) {
        Map<String, Integer> ports = new java.util.HashMap<>(defaultPortOverrides);
        ports.putAll(overrides);
        return new NetworkPosture(extraTrustedCas, pinnedHosts, ports, proxied);
    }

    /** This posture plus more trusted CAs and pinned hosts. */
    public NetworkPosture with(List<X509Certificate> moreCas, Map<String, InetAddress> moreHosts) {
        List<X509Certificate> cas = new java.util.ArrayList<>(extraTrustedCas);
        cas.addAll(moreCas);
        Map<String, InetAddress> hosts = new java.util.HashMap<>(pinnedHosts);
        hosts.putAll(moreHosts);
        return new NetworkPosture(cas, hosts, defaultPortOverrides, proxied);
    }

    /**
     * This posture without any proxy, whatever the environment or the JVM says: loopback traffic to a lab must never
     * leave through a corporate proxy, which would refuse it or, worse, see it.
     */
    public NetworkPosture direct() {
        return new NetworkPosture(extraTrustedCas, pinnedHosts, defaultPortOverrides, false);
    }
}
