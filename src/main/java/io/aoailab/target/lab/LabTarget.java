package io.aoailab.target.lab;

import io.aoailab.access.HttpClientFactory;
import io.aoailab.access.NetworkPosture;
import io.aoailab.access.PemCertificates;
import io.aoailab.config.DeploymentEndpoints;
import io.aoailab.config.Secret;
import io.aoailab.config.SuiteConfig;
import io.aoailab.config.Target;
import io.aoailab.lab.Lab;
import io.aoailab.lab.LabOptions;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.target.ConnectedTarget;
import io.aoailab.target.CredentialSource;
import io.aoailab.target.Operator;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lab target: starts the embedded lab from {@code LAB_TOPOLOGY_FILE} (or the shipped topology) and gives the
 * suite its endpoints, HTTP clients that trust the lab's CA and resolve its host names to loopback, and
 * credentials from the lab's Entra authority. Only these clients trust the lab; nothing JVM-wide changes.
 */
public final class LabTarget implements ConnectedTarget {
    private final Lab lab;
    private final HttpClientFactory http;
    private final LabCredentialSource credentials;
    private final LabOperator operator;

    private LabTarget(Lab lab, SuiteConfig config) {
        this.lab = lab;
        // the lab keeps its own answers free of the secrets it generated; the run's reports must be too
        List<X509Certificate> trusted = new ArrayList<>(List.of(lab.caCertificate()));
        config.extraCaCertFile().map(PemCertificates::read).ifPresent(trusted::addAll);
        this.http = new HttpClientFactory(config.httpTimeout(), NetworkPosture.jdkDefaults().with(trusted, lab.pinnedHosts())
                .withDefaultPortOverrides(lab.defaultPortOverrides()).direct());
        this.credentials = new LabCredentialSource(lab, http);
        this.operator = new LabOperator(lab, config.intended());
    }

    public static LabTarget start(SuiteConfig config) {
        Lab lab = Lab.start(LabOptions.defaults().withTopology(config.labTopologyFile()));
        return new LabTarget(lab, config);
    }

    /** The running lab, for the project's own tests of it. */
    public Lab lab() {
        return lab;
    }

    @Override
    public Target target() {
        return Target.LAB;
    }

    @Override
    public DeploymentEndpoints endpoints() {
        List<URI> openai = lab.accounts().stream().map(Lab.LabAccount::hostUri).toList();
        Optional<Lab.LabEndpoint> search = lab.searchServices().values().stream().findFirst();
        return new DeploymentEndpoints(openai, lab.apim().map(Lab.LabApim::hostUri),
                lab.apim().map(apim -> Secret.of(apim.subscriptionKey().reveal())),
                LabEnvFile.suspendedSubscriptionKey(lab).map(Secret::of),
                lab.foundryProject().map(Lab.LabEndpoint::hostUri),
                lab.storageAccounts().values().stream().findFirst().map(Lab.LabEndpoint::hostUri),
                LabEnvFile.container(lab), search.map(Lab.LabEndpoint::hostUri), search.flatMap(s -> firstIndex()),
                LabEnvFile.vectorStore(lab), LabEnvFile.foundryVectorStore(lab), accountKeys());
    }

    /** The accounts' first keys, as an operator lists them ({@code az cognitiveservices account keys list}). */
    private Map<URI, Secret> accountKeys() {
        Map<URI, Secret> keys = new LinkedHashMap<>();
        lab.accounts().forEach(a -> keys.put(a.hostUri(), Secret.of(a.keys().get(0).reveal())));
        return keys;
    }

    private Optional<String> firstIndex() {
        return lab.topology().search().stream().flatMap(s -> s.indexes().stream()).map(i -> i.name()).findFirst();
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
    public Optional<Operator> operator() {
        return Optional.of(operator);
    }

    @Override
    public void undoOperatorActions() {
        operator.reset();
    }

    @Override
    public List<String> generatedSecrets() {
        return lab.generatedSecrets().stream().map(LabSecret::reveal).toList();
    }

    @Override
    public void close() {
        http.close();
        lab.close();
    }
}
