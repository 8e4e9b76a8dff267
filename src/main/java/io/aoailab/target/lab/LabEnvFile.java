package io.aoailab.target.lab;

import io.aoailab.config.Persona;
import io.aoailab.lab.Lab;
import io.aoailab.lab.topology.SearchSpec;
import io.aoailab.lab.topology.Topology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code lab.env} a standalone lab writes: the keys of {@code env.sample}, filled so that
 * {@code LAB_TARGET=live} drives the suite's live code path (azure-identity's environment credential, the
 * configured endpoints, {@code EXTRA_CA_CERT_FILE}) against this lab, and so that any other client can read the
 * endpoints and credentials from it. Endpoints are plain loopback addresses any client reaches.
 *
 * <p>The intended deployment ({@code EXPECTED_*}, {@code PERSONA_*_ROLES}) is left empty on purpose: it is the
 * suite user's statement of what the deployment should be, never the lab's account of what it is.
 */
final class LabEnvFile {
    private LabEnvFile() {
    }

    /** The vector store the regional accounts share: the first an account declares. */
    static Optional<String> vectorStore(Lab lab) {
        return lab.topology().accounts().stream().flatMap(a -> a.vectorStores().stream()).map(v -> v.id())
                .findFirst();
    }

    /** The key of the gateway's first suspended subscription, if it has one. */
    static Optional<String> suspendedSubscriptionKey(Lab lab) {
        return lab.apim().flatMap(apim -> apim.spec().subscriptions().stream().filter(s -> !s.active()).findFirst()
                .map(s -> apim.gateway().primaryKey(s.name()).reveal()));
    }

    /** The first container of the first storage account: the BYO container. */
    static Optional<String> container(Lab lab) {
        return lab.topology().storage().stream().flatMap(s -> s.containers().stream()).map(c -> c.name()).findFirst();
    }

    /** The Foundry resource's own vector store, if it has one. */
    static Optional<String> foundryVectorStore(Lab lab) {
        return lab.topology().foundryResource().stream().flatMap(f -> f.vectorStores().stream()).map(v -> v.id())
                .findFirst();
    }

    static String render(Lab lab, Path caFile, Instant now) {
        Topology topology = lab.topology();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("LAB_TARGET", "live");
        List<Lab.LabAccount> accounts = lab.accounts();
        keys.put("OPENAI_ENDPOINT_1", accounts.get(0).loopbackUri().toString());
        keys.put("OPENAI_ENDPOINT_2", accounts.size() > 1 ? accounts.get(1).loopbackUri().toString() : "");
        keys.put("OPENAI_API_KEY_1", accounts.get(0).keys().get(0).reveal());
        keys.put("OPENAI_API_KEY_2", accounts.size() > 1 ? accounts.get(1).keys().get(0).reveal() : "");
        keys.put("OPENAI_MODEL_DEPLOYMENT", topology.accounts().get(0).deployments().get(0).name());
        keys.put("OPENAI_API_VERSION", "2025-03-01-preview");
        keys.put("OPENAI_CLIENTS", "");
        keys.put("APIM_GATEWAY_URL", lab.apim().map(a -> a.loopbackUri().toString()).orElse(""));
        keys.put("APIM_SUBSCRIPTION_KEY", lab.apim().map(a -> a.subscriptionKey().reveal()).orElse(""));
        keys.put("APIM_SUSPENDED_SUBSCRIPTION_KEY", suspendedSubscriptionKey(lab).orElse(""));
        keys.put("AI_FOUNDRY_PROJECT_ENDPOINT", lab.foundryProject().map(e -> e.loopbackUri().toString()).orElse(""));
        keys.put("STORAGE_BLOB_ENDPOINT", lab.storageAccounts().values().stream().findFirst()
                .map(e -> e.loopbackUri().toString()).orElse(""));
        keys.put("STORAGE_CONTAINER_NAME", container(lab).orElse(""));
        keys.put("AI_SEARCH_ENDPOINT", lab.searchServices().values().stream().findFirst()
                .map(e -> e.loopbackUri().toString()).orElse(""));
        keys.put("AI_SEARCH_INDEX_NAME", topology.search().stream().flatMap(s -> s.indexes().stream())
                .map(SearchSpec.Index::name).findFirst().orElse(""));
        keys.put("OPENAI_VECTOR_STORE_ID", vectorStore(lab).orElse(""));
        keys.put("AI_FOUNDRY_VECTOR_STORE_ID", foundryVectorStore(lab).orElse(""));
        keys.put("EXPECTED_MODEL", "");
        keys.put("EXPECTED_REGION_1", "");
        keys.put("EXPECTED_REGION_2", "");
        keys.put("EXPECTED_POOL_WEIGHTS", "");
        keys.put("EXPECTED_REGION_HEADER", "");
        keys.put("EXPECTED_FAILOVER_SECONDS", "");
        keys.put("EXPECTED_REJOIN_SECONDS", "");
        keys.put("EXPECTED_FOUNDRY_CONNECTIONS", "");
        keys.put("EXPECTED_FOUNDRY_REGION", "");
        keys.put("EXPECTED_KEY_AUTH", "");
        Lab.PrincipalCredentials caller = lab.credentials(topology.defaultCaller());
        keys.put("AZURE_TENANT_ID", caller.tenantId());
        keys.put("AZURE_CLIENT_ID", caller.clientId());
        keys.put("AZURE_CLIENT_SECRET", caller.clientSecret().reveal());
        keys.put("AZURE_FEDERATED_TOKEN_FILE", "");
        keys.put("AZURE_AUTHORITY_HOST", lab.authorityLoopbackUri().toString());
        List<String> personas = new ArrayList<>();
        Map<String, String> personaKeys = new LinkedHashMap<>();
        for (Topology.Principal principal : topology.principals()) {
            if (principal.type() == Topology.PrincipalType.ServicePrincipal
                    && !principal.name().equals(topology.defaultCaller())) {
                personas.add(principal.name());
                Lab.PrincipalCredentials credentials = lab.credentials(principal.name());
                personaKeys.put(Persona.keyPrefix(principal.name()) + "CLIENT_ID", credentials.clientId());
                personaKeys.put(Persona.keyPrefix(principal.name()) + "CLIENT_SECRET",
                        credentials.clientSecret().reveal());
            }
        }
        keys.put("PERSONAS", String.join(",", personas));
        keys.putAll(personaKeys);
        keys.put("EXTRA_CA_CERT_FILE", caFile.toAbsolutePath().toString());
        keys.put("HTTP_TIMEOUT_SECONDS", "30");
        for (String measurement : List.of("DISTRIBUTION_ALPHA", "DISTRIBUTION_BETA", "DISTRIBUTION_DELTA",
                "DISTRIBUTION_MAX_REQUESTS", "DISTRIBUTION_CONCURRENCY", "POOL_RECOVERY_SECONDS",
                "RBAC_PROPAGATION_SECONDS", "PRICE_PER_1K_INPUT_TOKENS", "PRICE_PER_1K_OUTPUT_TOKENS", "PRICE_CURRENCY")) {
            keys.put(measurement, "");
        }
        keys.put("LAB_TOPOLOGY_FILE", "");

        StringBuilder out = new StringBuilder()
                .append("# Written by the standalone aoai-lab-suite lab at ").append(now).append("; valid while it runs.\n")
                .append("# Keys as in env.sample. EXPECTED_* and PERSONA_*_ROLES are the deployment you INTEND:\n")
                .append("# state them yourself (empty means env.sample's defaults).\n")
                .append("# Holds client secrets: keep it private.\n");
        keys.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
        return out.toString();
    }

    /**
     * The {@code github-oidc.env} a standalone lab writes next to lab.env: what a GitHub job with
     * {@code permissions: id-token: write} finds in its environment, for the lab's GitHub-like issuer, so the suite's
     * caller can sign in as the nightly workflow does (a fresh GitHub token per Entra request). A separate file, so
     * lab.env stays the keys of env.sample; it empties {@code AZURE_CLIENT_SECRET}, because a configured secret wins
     * over GitHub's variables.
     */
    static String renderGitHubOidc(Lab lab, Instant now) {
        Lab.GitHubOidcRequest request = lab.githubOidcRequest(true);
        return "# Written by the standalone aoai-lab-suite lab at " + now + "; valid while it runs.\n"
                + "# What a GitHub job with `permissions: id-token: write` finds in its environment, for this lab's\n"
                + "# GitHub-like OIDC issuer (tokens valid " + lab.githubIssuer().lifetime().toSeconds() + " s)."
                + " Exported after lab.env, the suite's caller signs in with\n"
                + "# a fresh GitHub token per Entra request, as in the nightly workflow: set -a; . lab.env;"
                + " . github-oidc.env; set +a\n"
                + "# Holds the request token: keep it private.\n"
                + "ACTIONS_ID_TOKEN_REQUEST_URL=" + request.requestUrl() + "\n"
                + "ACTIONS_ID_TOKEN_REQUEST_TOKEN=" + request.requestToken().reveal() + "\n"
                + "AZURE_CLIENT_SECRET=\n";
    }
}
