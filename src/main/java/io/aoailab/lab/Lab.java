package io.aoailab.lab;

import io.aoailab.lab.apim.ApimGateway;
import io.aoailab.lab.apim.PolicyFiles;
import io.aoailab.lab.apim.policy.Policy;
import io.aoailab.lab.entra.EntraAuthority;
import io.aoailab.lab.entra.GitHubIssuer;
import io.aoailab.lab.faults.FaultControl;
import io.aoailab.lab.foundry.FoundryProjectService;
import io.aoailab.lab.http.LabBackendClient;
import io.aoailab.lab.http.LabServer;
import io.aoailab.lab.http.RecordedRequest;
import io.aoailab.lab.http.RequestLog;
import io.aoailab.lab.openai.OpenAiAccount;
import io.aoailab.lab.openai.ProjectSurface;
import io.aoailab.lab.openai.ServiceGrounding;
import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.search.SearchService;
import io.aoailab.lab.secrets.GeneratedSecrets;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.storage.BlobService;
import io.aoailab.lab.tls.LabCertificates;
import io.aoailab.lab.topology.ApimSpec;
import io.aoailab.lab.topology.FoundrySpec;
import io.aoailab.lab.topology.SearchSpec;
import io.aoailab.lab.topology.StorageSpec;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.TopologyLoader;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The embedded lab: the deployment a {@link Topology} describes, emulated on loopback. One HTTPS host per
 * emulated endpoint (the Entra authority, each Azure OpenAI account), all presenting one certificate from a CA
 * generated at start, all served by one bounded executor. Closing the lab stops every host.
 *
 * <pre>{@code
 * try (Lab lab = Lab.start(LabOptions.defaults())) {
 *     URI eastUs = lab.account("aoai-eus").hostUri();   // https://aoai-eus.openai.azure.com:<port>/
 *     lab.faults().inject("aoai-eus", new Fault.Throttle(Duration.ofSeconds(1)), FaultBudget.times(3));
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {
    /** The host name of the lab's Entra authority; the suite's clients pin it to loopback. */
    public static final String AUTHORITY_HOST = EntraAuthority.HOST_NAME;

    private final Topology topology;
    private final LabCertificates certificates;
    private final FaultControl faults;
    private final AccessControl access;
    private final EntraAuthority authority;
    private final GitHubIssuer github;
    private final LabExecutor executor;
    private final List<LabServer> servers = new ArrayList<>();
    private final Map<String, LabAccount> accounts = new LinkedHashMap<>();
    private final Map<String, RequestLog> logs = new java.util.concurrent.ConcurrentHashMap<>();
    // every host started so far with its port: what lab hosts resolve and reach each other by
    private final Map<String, Integer> hostPorts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Clock clock;
    private final GeneratedSecrets secrets = new GeneratedSecrets();
    private LabServer authorityServer;
    private LabServer githubServer;
    private LabApim apim;
    private final Map<String, LabEndpoint> storage = new LinkedHashMap<>();
    private final Map<String, LabEndpoint> searches = new LinkedHashMap<>();
    private LabEndpoint foundry;
    private LabBackendClient internalHttp;
    private Duration startupTime;

    /**
     * azure-ai-projects 1.0.0-beta.2 gets the bearer token it hands to openai-java by sending a dummy request to
     * {@code https://www.example.com} through its own pipeline and reading the Authorization header back
     * ({@code AIProjectClientBuilder.getBearerTokenSupplier}, read from the jar). The lab answers that host on
     * loopback, so the SDK's probe never leaves the machine.
     */
    static final String TOKEN_PROBE_HOST = "www.example.com";

    /**
     * The names the lab's certificate covers: the authority and a wildcard per Azure service domain, so the
     * certificate does not depend on the topology and is generated while the topology loads.
     */
    static final List<String> SERVED_NAMES = List.of(AUTHORITY_HOST, "*.openai.azure.com", "*.azure-api.net",
            "*.blob.core.windows.net", "*.search.windows.net", "*.services.ai.azure.com", TOKEN_PROBE_HOST,
            GitHubIssuer.HOST_NAME);


    private Lab(Topology topology, LabCertificates certificates, LabOptions options) {
        this.topology = topology;
        this.clock = options.clock();
        this.certificates = certificates;
        this.faults = new FaultControl(clock);
        this.access = new AccessControl(TopologyLoader.roleAssignments(topology));
        this.github = new GitHubIssuer(clock, secrets, options.githubTokenLifetime());
        this.authority = new EntraAuthority(topology, clock, secrets, github);
        this.executor = new LabExecutor();
    }

    /** Loads the topology, then starts every host; fails with file, path and fix on a broken topology. */
    public static Lab start(LabOptions options) {
        long begin = System.nanoTime();
        CompletableFuture<LabCertificates> tls = CompletableFuture.supplyAsync(() -> LabCertificates.generate(SERVED_NAMES));
        Topology topology = TopologyLoader.load(options.topologyFile());
        // the gateway's policy parses while the certificate is made and the other hosts start
        CompletableFuture<Optional<Policy>> policy = CompletableFuture.supplyAsync(() -> topology.apimGateway()
                .map(spec -> PolicyFiles.load(spec.api().policy(), options.topologyFile())));
        Lab lab = new Lab(topology, joined(tls), options);
        try {
            lab.startHosts(options, policy);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        lab.startupTime = Duration.ofNanos(System.nanoTime() - begin);
        return lab;
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void startHosts(LabOptions options, CompletableFuture<Optional<Policy>> gatewayPolicy) {
        PortPlan ports = new PortPlan(options.firstPort());
        authorityServer = serve(AUTHORITY_HOST, ports.next(), authority);
        // the data services first: the accounts' file_search reads them (as the accounts' own identities)
        List<BlobService> blobServices = new ArrayList<>();
        for (StorageSpec account : topology.storage()) {
            BlobService blobs = new BlobService(topology, account, authority, access, faults, options.clock());
            blobServices.add(blobs);
            LabServer server = serve(account.blobHostName(), ports.next(), blobs);
            storage.put(account.name(), new LabEndpoint(server.hostUri(), server.loopbackUri()));
        }
        List<SearchService> searchServices = new ArrayList<>();
        for (SearchSpec service : topology.search()) {
            SearchService search = new SearchService(topology, service, authority, access, faults, options.clock());
            secrets.registerAll(search.adminKeys());
            secrets.register(search.queryKey());
            searchServices.add(search);
            LabServer server = serve(service.hostName(), ports.next(), search);
            searches.put(service.name(), new LabEndpoint(server.hostUri(), server.loopbackUri()));
        }
        ServiceGrounding grounding = new ServiceGrounding(searchServices, blobServices);
        for (Topology.Account account : topology.accounts()) {
            OpenAiAccount service = new OpenAiAccount(account, accountDependencies(options.clock(), grounding));
            secrets.registerAll(service.keys());
            LabServer server = serve(account.hostName(), ports.next(), service);
            accounts.put(account.name(), new LabAccount(account, server.hostUri(), server.loopbackUri(), service.keys()));
        }
        topology.foundryResource().ifPresent(spec -> startFoundry(spec, ports, grounding, options));
        if (topology.apimGateway().isPresent()) {
            ApimSpec spec = topology.apimGateway().get();
            Policy policy = joined(gatewayPolicy).orElseThrow();
            // the gateway reaches the accounts over HTTPS, trusting the lab CA alone, every lab host pinned to loopback
            internalHttp = new LabBackendClient(certificates.caCertificate(), hostPorts);
            ApimGateway gateway = new ApimGateway(spec, policy, authority, name -> accounts.get(name).hostUri(),
                    internalHttp.okHttp(), options.clock());
            secrets.registerAll(gateway.subscriptionKeys());
            LabServer server = serve(spec.hostName(), ports.next(), gateway);
            apim = new LabApim(spec, server.hostUri(), server.loopbackUri(), gateway);
        }
        // last, so a fixed first port gives the other hosts the ports they always had
        githubServer = serve(GitHubIssuer.HOST_NAME, ports.next(), github);
    }

    /**
     * The Foundry resource: its AIServices account on {@code <account>.openai.azure.com} (account-scoped roles), and
     * the project endpoint on {@code <account>.services.ai.azure.com}: connections, and the project's own surface
     * of the account's Responses API (project tokens, project-scoped roles).
     */
    private void startFoundry(FoundrySpec spec, PortPlan ports, ServiceGrounding grounding, LabOptions options) {
        Clock clock = options.clock();
        Topology.Account account = spec.openAiAccount();
        OpenAiAccount accountSurface = new OpenAiAccount(account, accountDependencies(clock, grounding));
        secrets.registerAll(accountSurface.keys());
        // not one of the suite's regional accounts: the Foundry resource's own, reached via the project
        serve(account.hostName(), ports.next(), accountSurface);
        String prefix = "/api/projects/" + spec.project();
        OpenAiAccount projectSurface = OpenAiAccount.projectSurface(account,
                new ProjectSurface(prefix, topology.projectScope(spec)), accountDependencies(clock, grounding));
        secrets.registerAll(projectSurface.keys());
        FoundryProjectService project = new FoundryProjectService(topology, spec, authority, access,
                target -> targetUrl(target, options.loopbackTargets()), this::targetKey, projectSurface, clock);
        LabServer server = serve(spec.projectHostName(), ports.next(), project);
        serve(TOKEN_PROBE_HOST, ports.next(), exchange -> exchange.respond(200, "text/plain", new byte[0]));
        foundry = new LabEndpoint(server.hostUri().resolve(prefix), server.loopbackUri().resolve(prefix));
    }

    private OpenAiAccount.Dependencies accountDependencies(Clock clock, ServiceGrounding grounding) {
        return OpenAiAccount.Dependencies.of(topology, authority, access, faults, clock).withGrounding(grounding);
    }

    // portless, as Azure's targets are (lab clients reach the port through defaultPortOverrides()); a standalone
    // lab's clients cannot resolve lab host names, so it names the loopback URL
    private URI targetUrl(String target, boolean loopback) {
        String name = target.substring(target.indexOf(':') + 1);
        LabEndpoint endpoint = target.startsWith("account:")
                ? new LabEndpoint(accounts.get(name).hostUri(), accounts.get(name).loopbackUri())
                : target.startsWith("search:") ? searches.get(name) : storage.get(name);
        return loopback ? endpoint.loopbackUri() : URI.create("https://" + endpoint.hostUri().getHost() + "/");
    }

    private Optional<LabSecret> targetKey(String target) {
        return target.startsWith("account:") ? Optional.ofNullable(accounts.get(target.substring("account:".length())))
                .map(a -> a.keys().get(0)) : Optional.empty();
    }

    /** Ports in order from a first one, or all 0 (any free port). */
    private static final class PortPlan {
        private int next;

        PortPlan(int first) {
            this.next = first;
        }

        int next() {
            return next == 0 ? 0 : next++;
        }
    }

    private LabServer serve(String host, int port, io.aoailab.lab.http.LabHandler handler) {
        RequestLog log = new RequestLog(clock);
        logs.put(host, log);
        LabServer server = LabServer.start(host, port, certificates.serverContext(), executor, handler, log);
        servers.add(server);
        hostPorts.put(host.toLowerCase(java.util.Locale.ROOT), server.port());
        return server;
    }

    /** Serves the standalone admin API ({@link LabAdminApi}) on its own loopback host; closed with the lab. */
    public LabServer serveAdminApi(int port) {
        return serve("lab-admin", port, new LabAdminApi(this));
    }

    public Topology topology() {
        return topology;
    }

    /** The CA a client must trust to reach the lab. */
    public X509Certificate caCertificate() {
        return certificates.caCertificate();
    }

    public String caPem() {
        return certificates.caPem();
    }

    /** Every lab host name, pinned to the loopback address: what the suite's HTTP clients resolve. */
    public Map<String, InetAddress> pinnedHosts() {
        Map<String, InetAddress> pinned = new LinkedHashMap<>();
        servers.forEach(s -> pinned.put(s.hostName(), InetAddress.getLoopbackAddress()));
        return pinned;
    }

    /**
     * Every lab host with the port that answers it, for URLs without a port: SDKs that build their own URLs (the
     * projects SDK's token probe, {@link #TOKEN_PROBE_HOST}) and connection targets, which are portless as in Azure
     * because openai-java 2.3.0 only treats a base URL ending in {@code .openai.azure.com} as Azure (its
     * {@code Utils.isAzureEndpoint} compares the URL's end, so a port makes it non-Azure; read from the jar).
     */
    public Map<String, Integer> defaultPortOverrides() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        servers.forEach(s -> ports.put(s.hostName(), s.port()));
        return ports;
    }

    /** The authority host as azure-identity takes it, e.g. {@code https://login.microsoftonline.com:41234/}. */
    public URI authorityHostUri() {
        return authorityServer.hostUri();
    }

    /** The authority host for clients without pinning, e.g. {@code https://127.0.0.1:41234/}. */
    public URI authorityLoopbackUri() {
        return authorityServer.loopbackUri();
    }

    /**
     * The lab's GitHub Actions OIDC provider: what a job would ask for the token the suite's caller signs in with
     * when it runs as a GitHub workflow (the topology's federated credentials trust it), and the tokens it issued.
     */
    public GitHubIssuer githubIssuer() {
        return github;
    }

    /**
     * What a GitHub job with {@code id-token: write} finds in its environment, for this lab's issuer.
     *
     * @param loopback whether the URL names {@code 127.0.0.1} (a standalone lab's clients) rather than the pinned
     *     {@value GitHubIssuer#HOST_NAME}
     */
    public GitHubOidcRequest githubOidcRequest(boolean loopback) {
        URI origin = loopback ? githubServer.loopbackUri() : githubServer.hostUri();
        return new GitHubOidcRequest(origin.resolve(github.requestPath()), github.requestToken());
    }

    /** The accounts, in topology order. */
    public List<LabAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    public LabAccount account(String name) {
        LabAccount account = accounts.get(name);
        if (account == null) {
            throw new NoSuchElementException("The lab topology has no account '" + name + "'; it has "
                    + accounts.keySet());
        }
        return account;
    }

    /**
     * What a lab host saw of its recent requests (header names, token claims, status; never a secret): how a test
     * checks what reached an account through the gateway. Requests an injected fault answered are there too, with the
     * status they got ({@link RecordedRequest#DROPPED} for a dropped connection), each at the time it arrived.
     */
    public List<RecordedRequest> requestsTo(String hostName) {
        RequestLog log = logs.get(hostName);
        if (log == null) {
            throw new NoSuchElementException("The lab has no host '" + hostName + "'; it has " + logs.keySet());
        }
        return log.entries();
    }

    /** The blob endpoints of the topology's storage accounts, by account name. */
    public Map<String, LabEndpoint> storageAccounts() {
        return Map.copyOf(storage);
    }

    /** The endpoints of the topology's AI Search services, by service name. */
    public Map<String, LabEndpoint> searchServices() {
        return Map.copyOf(searches);
    }

    /** The Foundry project endpoint, e.g. {@code https://aif-aoai-lab.services.ai.azure.com:41240/api/projects/p}. */
    public Optional<LabEndpoint> foundryProject() {
        return Optional.ofNullable(foundry);
    }

    /** The API Management gateway, if the topology has one. */
    public Optional<LabApim> apim() {
        return Optional.ofNullable(apim);
    }

    /** The fault-injection control: what an operator would do to a region. */
    public FaultControl faults() {
        return faults;
    }

    /** The lab's RBAC assignments, live: grants and revocations apply to the next request. */
    public AccessControl access() {
        return access;
    }

    /** The client credentials of a service principal of the topology. */
    public PrincipalCredentials credentials(String principalName) {
        Topology.Principal principal = topology.principal(principalName).orElseThrow(() -> new NoSuchElementException(
                "The lab topology has no principal '" + principalName + "'; it has " + topology.principals().stream()
                        .map(Topology.Principal::name).toList()));
        LabSecret secret = authority.clientSecret(principalName);
        return new PrincipalCredentials(topology.tenant().id(), principal.clientId(), principal.objectId(), secret);
    }

    /**
     * Every secret this lab generated: the service principals' client secrets, the accounts' keys, the APIM
     * subscriptions' keys and the search services' keys. The lab keeps its own answers free of them; whoever embeds it
     * should keep them out of its logs and reports too.
     */
    public List<LabSecret> generatedSecrets() {
        return secrets.all();
    }

    /** How long {@link #start} took, from reading the topology to every host listening. */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public void close() {
        servers.forEach(LabServer::close);
        if (internalHttp != null) {
            internalHttp.close();
        }
        executor.close();
    }

    /**
     * @param spec the account as the topology declares it
     * @param hostUri its Azure-shaped endpoint, e.g. {@code https://aoai-eus.openai.azure.com:41235/}
     * @param loopbackUri the same host for clients without pinning, e.g. {@code https://127.0.0.1:41235/}
     * @param keys its two account keys
     */
    public record LabAccount(Topology.Account spec, URI hostUri, URI loopbackUri, List<LabSecret> keys) {
        public LabAccount {
            keys = List.copyOf(keys);
        }
    }

    /**
     * @param spec the gateway as the topology declares it
     * @param hostUri its Azure-shaped URL, e.g. {@code https://apim-aoai-lab.azure-api.net:41236/}: what clients
     *                use as their Azure OpenAI endpoint (the API's path {@code openai} meets the SDK's {@code /openai})
     * @param loopbackUri the same for clients without pinning
     * @param gateway the running gateway: subscription keys, token metrics, breaker trips
     */
    public record LabApim(ApimSpec spec, URI hostUri, URI loopbackUri, ApimGateway gateway) {
        /** The key of the gateway's default (first active) subscription. */
        public LabSecret subscriptionKey() {
            return gateway.primaryKey(gateway.defaultSubscription());
        }

        /**
         * The primary key of a subscription of the topology, suspended ones too (the gateway refuses theirs, as APIM
         * does: docs/apim-gateway.md §4).
         *
         * @throws NoSuchElementException naming the topology's subscriptions, for a name that is none of them
         */
        public LabSecret subscriptionKey(String subscriptionName) {
            return gateway.primaryKey(subscriptionName);
        }
    }

    /**
     * The values GitHub gives a job in {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN};
     * {@code requestToken} prints redacted.
     */
    public record GitHubOidcRequest(URI requestUrl, LabSecret requestToken) {
    }

    /** A lab host's Azure-shaped URL and its plain loopback URL. */
    public record LabEndpoint(URI hostUri, URI loopbackUri) {
    }

    /** What a service principal signs in with; {@code clientSecret} prints redacted. */
    public record PrincipalCredentials(String tenantId, String clientId, String objectId, LabSecret clientSecret) {
    }
}
