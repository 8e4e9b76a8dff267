package io.aoailab.target;

import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.access.PemCertificates;
import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.Target;
import java.util.List;
import java.util.Map;

/** Real Azure: the configured endpoints, trusted with the JDK's CAs plus {@code EXTRA_CA_CERT_FILE} if set. */
public final class LiveTarget implements ConnectedTarget {
    private final SuiteConfig config;
    private final HttpClientFactory http;
    private final CredentialSource credentials;

    public LiveTarget(SuiteConfig config) {
        this.config = config;
        List<java.security.cert.X509Certificate> extraCas =
                config.extraCaCertFile().map(PemCertificates::read).orElse(List.of());
        this.http = new HttpClientFactory(config.httpTimeout(), NetworkPosture.jdkDefaults().with(extraCas, Map.of()));
        this.credentials = new LiveCredentialSource(config.credentials(), http);
    }

    @Override
    public Target target() {
        return Target.LIVE;
    }

    @Override
    public DeploymentEndpoints endpoints() {
        return config.liveEndpoints();
    }

    @Override
    public HttpClientFactory http() {
        return http;
    }

    @Override
    public CredentialSource credentials() {
        return credentials;
    }

    @Override
    public void close() {
        http.close();
    }
}
