package io.aoailab.lab.topology;

import io.aoailab.lab.rbac.RoleCatalog;
import io.aoailab.lab.rbac.RoleDefinition;
import io.aoailab.lab.topology.Topology.Account;
import io.aoailab.lab.topology.Topology.Assignment;
import io.aoailab.lab.topology.Topology.Deployment;
import io.aoailab.lab.topology.Topology.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The semantic checks of a topology that Jackson cannot make: references between its parts, names, numbers. The first
 * problem stops the lab at start as a {@link TopologyException} naming the file, the path inside it (e.g.
 * {@code roleAssignments[2].role}) and the fix.
 */
final class TopologyChecker {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private final Topology topology;
    private final String file;

    TopologyChecker(Topology topology, String file) {
        this.topology = topology;
        this.file = file;
    }

    void check() {
        if (!GUID.matcher(topology.subscriptionId()).matches()) {
            fail("subscriptionId", "'" + topology.subscriptionId() + "' is not a GUID", "use a GUID");
        }
        if (!GUID.matcher(topology.tenant().id()).matches()) {
            fail("tenant.id", "'" + topology.tenant().id() + "' is not a GUID", "use a GUID");
        }
        checkPrincipals();
        if (topology.principal(topology.defaultCaller()).isEmpty()) {
            fail("defaultCaller", "'" + topology.defaultCaller() + "' names no principal",
                    "use one of " + principalNames());
        }
        checkAccounts();
        checkAssignments();
        topology.apimGateway().ifPresent(this::checkApim);
        checkDataServices();
        checkAccountExtras();
        topology.foundryResource().ifPresent(this::checkFoundry);
    }

    private void checkAccountExtras() {
        for (int i = 0; i < topology.accounts().size(); i++) {
            checkIdentityAndStores("accounts[" + i + "]", topology.accounts().get(i));
        }
    }

    private void checkIdentityAndStores(String at, Account account) {
        account.managedIdentity().ifPresent(identity -> {
            if (topology.principal(identity).filter(p -> p.type() == Topology.PrincipalType.ManagedIdentity)
                    .isEmpty()) {
                fail(at + ".identity", "'" + identity + "' names no ManagedIdentity principal",
                        "declare it under principals with type ManagedIdentity");
            }
        });
        for (int j = 0; j < account.vectorStores().size(); j++) {
            VectorStoreSpec store = account.vectorStores().get(j);
            String vat = at + ".vectorStores[" + j + "]";
            if (account.managedIdentity().isEmpty()) {
                fail(vat, "needs the account's managed identity to read its files and index",
                        "give the account an identity");
            }
            Optional<StorageSpec> storage = topology.storageAccount(store.storage());
            if (storage.isEmpty() || storage.get().container(store.container()).isEmpty()) {
                fail(vat + ".container", "'" + store.storage() + "/" + store.container()
                        + "' names no container of the topology's storage", "name a declared container");
            }
            Optional<SearchSpec> search = topology.searchService(store.search());
            if (search.isEmpty() || search.get().index(store.index()).isEmpty()) {
                fail(vat + ".index", "'" + store.search() + "/" + store.index()
                        + "' names no index of the topology's search", "name a declared index");
            }
        }
    }

    private void checkFoundry(FoundrySpec foundry) {
        if (!NAME.matcher(foundry.account()).matches() || topology.account(foundry.account()).isPresent()) {
            fail("foundry.account", "'" + foundry.account() + "' is not a free account name",
                    "use 2-63 lower-case letters, digits and '-', different from the OpenAI accounts");
        }
        for (int i = 0; i < foundry.deployments().size(); i++) {
            checkPace("foundry.deployments[" + i + "].streamPace", foundry.deployments().get(i).streamPace());
        }
        checkIdentityAndStores("foundry", foundry.openAiAccount());
        for (int i = 0; i < foundry.connections().size(); i++) {
            FoundrySpec.Connection connection = foundry.connections().get(i);
            String at = "foundry.connections[" + i + "]";
            String expectedPrefix = switch (connection.type()) {
                case "AzureOpenAI" -> "account:";
                case "CognitiveSearch" -> "search:";
                case "AzureBlob" -> "storage:";
                default -> {
                    fail(at + ".type", "'" + connection.type() + "' is not a connection type the lab serves",
                            "use AzureOpenAI, CognitiveSearch or AzureBlob");
                    yield "";
                }
            };
            if (!connection.target().startsWith(expectedPrefix) || TopologyLoader.scope(topology, connection.target()).isEmpty()) {
                fail(at + ".target", "'" + connection.target() + "' names no " + connection.type() + " resource",
                        "write " + expectedPrefix + "<name> of a declared resource");
            }
            if (!List.of("AAD", "ApiKey").contains(connection.authType())) {
                fail(at + ".authType", "'" + connection.authType() + "' is not an auth type", "use AAD or ApiKey");
            }
        }
    }

    private void checkDataServices() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < topology.storage().size(); i++) {
            StorageSpec account = topology.storage().get(i);
            if (!account.name().matches("[a-z0-9]{3,24}") || !names.add(account.name())) {
                fail("storage[" + i + "].name", "'" + account.name() + "' is not a unique storage account name",
                        "use 3-24 lower-case letters and digits, once");
            }
        }
        names.clear();
        for (int i = 0; i < topology.search().size(); i++) {
            SearchSpec service = topology.search().get(i);
            if (!NAME.matcher(service.name()).matches() || !names.add(service.name())) {
                fail("search[" + i + "].name", "'" + service.name() + "' is not a unique search service name",
                        "use 2-63 lower-case letters, digits and '-', once");
            }
            for (int j = 0; j < service.indexes().size(); j++) {
                SearchSpec.Index index = service.indexes().get(j);
                for (int k = 0; k < index.documents().size(); k++) {
                    if (!index.documents().get(k).containsKey(index.key())) {
                        fail("search[" + i + "].indexes[" + j + "].documents[" + k + "]", "has no key field '"
                                + index.key() + "'", "give every document its key field");
                    }
                }
            }
        }
    }

    private void checkApim(ApimSpec apim) {
        if (!NAME.matcher(apim.name()).matches()) {
            fail("apim.name", "'" + apim.name() + "' is not a service name", "use 2-63 lower-case letters, digits and '-'");
        }
        Optional<Principal> identity = topology.principal(apim.identity());
        if (identity.isEmpty() || identity.get().type() != Topology.PrincipalType.ManagedIdentity) {
            fail("apim.identity", "'" + apim.identity() + "' names no ManagedIdentity principal",
                    "name a principal of type ManagedIdentity, e.g. apim-gateway");
        }
        if (!apim.api().path().matches("[A-Za-z0-9][A-Za-z0-9/_-]*[A-Za-z0-9]|[A-Za-z0-9]")) {
            fail("apim.api.path", "'" + apim.api().path() + "' is not an API path",
                    "write the URL suffix without leading or trailing '/', e.g. openai");
        }
        List<String> routes = apim.api().routes();
        if (routes.isEmpty() || !List.of(ApimSpec.Api.DATED, ApimSpec.Api.V1).containsAll(routes)) {
            fail("apim.api.routes", routes + " are not Responses routes the lab knows",
                    "list dated, v1 or both (the default), e.g. [dated, v1]");
        }
        Set<String> backendNames = new HashSet<>();
        for (int i = 0; i < apim.backends().size(); i++) {
            ApimSpec.Backend backend = apim.backends().get(i);
            String at = "apim.backends[" + i + "]";
            if (!backendNames.add(backend.name())) {
                fail(at + ".name", "'" + backend.name() + "' is declared twice", "give each backend its own name");
            }
            if (topology.account(backend.account()).isEmpty()) {
                fail(at + ".account", "'" + backend.account() + "' names no account", "use one of "
                        + topology.accounts().stream().map(Account::name).collect(Collectors.joining(", ")));
            }
            backend.breaker().ifPresent(rule -> checkBreaker(at + ".circuitBreaker", rule));
        }
        Set<String> poolNames = new HashSet<>();
        for (int i = 0; i < apim.pools().size(); i++) {
            checkPool("apim.pools[" + i + "]", apim.pools().get(i), backendNames, poolNames);
        }
        String defaultBackend = apim.api().defaultBackend();
        if (!backendNames.contains(defaultBackend) && !poolNames.contains(defaultBackend)) {
            fail("apim.api.defaultBackend", "'" + defaultBackend + "' names no backend or pool",
                    "use one of " + String.join(", ", backendNames) + (poolNames.isEmpty() ? "" : ", "
                            + String.join(", ", poolNames)));
        }
        Set<String> products = new HashSet<>();
        for (int i = 0; i < apim.products().size(); i++) {
            if (!products.add(apim.products().get(i).name())) {
                fail("apim.products[" + i + "].name", "'" + apim.products().get(i).name() + "' is declared twice",
                        "give each product its own name");
            }
        }
        Set<String> subscriptions = new HashSet<>();
        for (int i = 0; i < apim.subscriptions().size(); i++) {
            ApimSpec.Subscription subscription = apim.subscriptions().get(i);
            String at = "apim.subscriptions[" + i + "]";
            if (!subscriptions.add(subscription.name())) {
                fail(at + ".name", "'" + subscription.name() + "' is declared twice", "give each its own name");
            }
            if (subscription.product() != null && !products.contains(subscription.product())) {
                fail(at + ".product", "'" + subscription.product() + "' names no product",
                        "use one of " + products + ", or leave it out for an API-scoped subscription");
            }
            if (subscription.state() != null && !List.of("active", "suspended").contains(subscription.state())) {
                fail(at + ".state", "'" + subscription.state() + "' is not a state", "use active or suspended");
            }
        }
    }

    private void checkBreaker(String at, ApimSpec.CircuitBreakerRule rule) {
        if (rule.failureCount() < 1) {
            fail(at + ".failureCount", rule.failureCount() + " is not positive", "use e.g. 1");
        }
        for (String[] field : new String[][] {{"interval", rule.interval()}, {"tripDuration", rule.tripDuration()}}) {
            try {
                if (java.time.Duration.parse(field[1]).isNegative() || java.time.Duration.parse(field[1]).isZero()) {
                    fail(at + "." + field[0], "'" + field[1] + "' is not a positive duration", "use e.g. PT1M");
                }
            } catch (java.time.format.DateTimeParseException e) {
                fail(at + "." + field[0], "'" + field[1] + "' is not an ISO-8601 duration", "use e.g. PT1M or PT30S");
            }
        }
        for (int j = 0; j < rule.statusCodeRanges().size(); j++) {
            List<Integer> range = rule.statusCodeRanges().get(j);
            if (range.size() != 2 || range.get(0) < 200 || range.get(1) > 599 || range.get(0) > range.get(1)) {
                fail(at + ".statusCodeRanges[" + j + "]", range + " is not a [min, max] range within 200-599",
                        "write e.g. [429, 429] or [500, 599]");
            }
        }
    }

    private void checkPool(String at, ApimSpec.Pool pool, Set<String> backends, Set<String> pools) {
        if (!pools.add(pool.name()) || backends.contains(pool.name())) {
            fail(at + ".name", "'" + pool.name() + "' is declared twice or names a backend too",
                    "give each pool its own name");
        }
        if (!List.of("weighted-random", "weighted-round-robin").contains(pool.selectionOrDefault())) {
            fail(at + ".selection", "'" + pool.selection() + "' is not a selection algorithm",
                    "use weighted-random or weighted-round-robin");
        }
        if (pool.members().isEmpty() || pool.members().size() > 30) {
            fail(at + ".members", "has " + pool.members().size() + " members", "give a pool 1 to 30 members");
        }
        for (int j = 0; j < pool.members().size(); j++) {
            ApimSpec.PoolMember member = pool.members().get(j);
            String mat = at + ".members[" + j + "]";
            if (!backends.contains(member.backend())) {
                fail(mat + ".backend", "'" + member.backend() + "' names no single backend",
                        "use one of " + String.join(", ", backends) + " (a pool cannot hold a pool)");
            }
            // ARM takes weight and priority from 0 to 100 (docs/apim-gateway.md §1.1); what it takes, the lab serves
            if (member.weightOrDefault() < 0 || member.weightOrDefault() > 100) {
                fail(mat + ".weight", member.weightOrDefault() + " is out of range", "use a weight from 0 to 100");
            }
            if (member.priorityOrDefault() < 0 || member.priorityOrDefault() > 100) {
                fail(mat + ".priority", member.priorityOrDefault() + " is out of range",
                        "use a priority from 0 to 100 (lower first)");
            }
        }
    }

    private void checkPrincipals() {
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < topology.principals().size(); i++) {
            Principal principal = topology.principals().get(i);
            String at = "principals[" + i + "]";
            if (!names.add(principal.name())) {
                fail(at + ".name", "'" + principal.name() + "' is declared twice", "give each principal its own name");
            }
            for (String[] id : new String[][] {{"clientId", principal.clientId()}, {"objectId", principal.objectId()}}) {
                if (!GUID.matcher(id[1]).matches()) {
                    fail(at + "." + id[0], "'" + id[1] + "' is not a GUID", "use a GUID");
                }
                if (!ids.add(id[1].toLowerCase())) {
                    fail(at + "." + id[0], "'" + id[1] + "' is used by another principal", "use a fresh GUID");
                }
            }
            checkFederatedCredentials(at, principal);
        }
    }

    private void checkFederatedCredentials(String principalAt, Principal principal) {
        Set<String> names = new HashSet<>();
        for (int j = 0; j < principal.federatedIdentityCredentials().size(); j++) {
            Topology.FederatedCredential credential = principal.federatedIdentityCredentials().get(j);
            String at = principalAt + ".federatedIdentityCredentials[" + j + "]";
            if (credential.name().isBlank() || !names.add(credential.name())) {
                fail(at + ".name", "'" + credential.name() + "' is not a unique credential name",
                        "give each federated credential of the principal its own name");
            }
            if (!credential.issuer().equals(Topology.FederatedCredential.LAB_GITHUB)
                    && !credential.issuer().startsWith("https://")) {
                fail(at + ".issuer", "'" + credential.issuer() + "' is not an issuer",
                        "write the issuer's https URL, or " + Topology.FederatedCredential.LAB_GITHUB
                                + " for the lab's GitHub-like issuer");
            }
            if (credential.subject().isBlank()) {
                fail(at + ".subject", "is blank", "write the sub the tokens carry, e.g."
                        + " repo:aoai-lab/aoai-lab-suite:ref:refs/heads/main");
            }
            if (credential.audiences().isEmpty() || credential.audiences().stream().anyMatch(String::isBlank)) {
                fail(at + ".audiences", "has no audience", "write [api://AzureADTokenExchange]");
            }
        }
    }

    private void checkAccounts() {
        if (topology.accounts().isEmpty()) {
            fail("accounts", "is empty", "declare at least one Azure OpenAI account");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < topology.accounts().size(); i++) {
            Account account = topology.accounts().get(i);
            String at = "accounts[" + i + "]";
            if (!NAME.matcher(account.name()).matches()) {
                fail(at + ".name", "'" + account.name() + "' is not an account name",
                        "use 2-63 lower-case letters, digits and '-'");
            }
            if (!names.add(account.name())) {
                fail(at + ".name", "'" + account.name() + "' is declared twice", "give each account its own name");
            }
            if (account.region().isBlank()) {
                fail(at + ".region", "is blank", "use the region's display name, e.g. East US 2");
            }
            for (String version : account.apiVersions()) {
                if (!version.matches("\\d{4}-\\d{2}-\\d{2}(-preview)?")) {
                    fail(at + ".apiVersions", "'" + version + "' is not a dated api-version",
                            "list dated versions such as 2025-04-01-preview (the v1 surface needs none)");
                }
            }
            Set<String> deployments = new HashSet<>();
            for (int j = 0; j < account.deployments().size(); j++) {
                Deployment deployment = account.deployments().get(j);
                String dat = at + ".deployments[" + j + "]";
                if (!deployments.add(deployment.name())) {
                    fail(dat + ".name", "'" + deployment.name() + "' is declared twice", "remove the duplicate");
                }
                if (deployment.tokensPerMinute() < 1) {
                    fail(dat + ".tokensPerMinute", deployment.tokensPerMinute() + " is not positive", "use e.g. 450000");
                }
                if (deployment.requestsPerMinute() < 1) {
                    fail(dat + ".requestsPerMinute", deployment.requestsPerMinute() + " is not positive", "use e.g. 2700");
                }
                checkPace(dat + ".streamPace", deployment.streamPace());
            }
        }
    }

    private void checkPace(String at, Topology.StreamPace pace) {
        if (pace.firstTokenMs() < 0 || pace.firstTokenMs() > 60_000) {
            fail(at + ".firstTokenMs", pace.firstTokenMs() + " is out of range",
                    "use 0-60000 milliseconds, e.g. 10 (0 streams at once)");
        }
        if (pace.perTokenMs() < 0 || pace.perTokenMs() > 10_000) {
            fail(at + ".perTokenMs", pace.perTokenMs() + " is out of range",
                    "use 0-10000 milliseconds, e.g. 2 (0 streams at once)");
        }
    }

    private void checkAssignments() {
        for (int i = 0; i < topology.roleAssignments().size(); i++) {
            Assignment assignment = topology.roleAssignments().get(i);
            String at = "roleAssignments[" + i + "]";
            if (topology.principal(assignment.principal()).isEmpty()) {
                fail(at + ".principal", "'" + assignment.principal() + "' names no principal",
                        "use one of " + principalNames());
            }
            if (RoleCatalog.find(assignment.role()).isEmpty()) {
                fail(at + ".role", "'" + assignment.role() + "' is not a built-in role the lab knows",
                        "use a name or GUID of " + RoleCatalog.all().stream().map(RoleDefinition::name)
                                .collect(Collectors.joining(", ")));
            }
            if (TopologyLoader.scope(topology, assignment.scope()).isEmpty()) {
                fail(at + ".scope", "'" + assignment.scope() + "' names no scope in this topology",
                        "use " + String.join(", ", scopeForms()) + ", or the full ARM id of one of them");
            }
        }
    }

    /** Every scope the topology can name, in its short form: parents before their children. */
    private List<String> scopeForms() {
        List<String> forms = new ArrayList<>(List.of("subscription", "resourceGroup"));
        topology.accounts().forEach(a -> forms.add("account:" + a.name()));
        for (StorageSpec account : topology.storage()) {
            forms.add("storage:" + account.name());
            account.containers().forEach(c -> forms.add("container:" + account.name() + "/" + c.name()));
        }
        for (SearchSpec service : topology.search()) {
            forms.add("search:" + service.name());
            service.indexes().forEach(i -> forms.add("index:" + service.name() + "/" + i.name()));
        }
        if (topology.foundryResource().isPresent()) {
            forms.addAll(List.of("foundry", "project"));
        }
        return forms;
    }

    private String principalNames() {
        return topology.principals().stream().map(Principal::name).collect(Collectors.joining(", "));
    }

    private void fail(String path, String problem, String fix) {
        throw new TopologyException(file, path, problem, fix);
    }
}
