package io.aoailab.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The suite's configuration, resolved once per run by {@link SuiteConfigResolver}. Immutable; its secrets print
 * redacted.
 *
 * @param target what the suite runs against
 * @param modelDeployment the deployment name on both Azure OpenAI accounts
 * @param apiVersion the dated api-version used on {@code /openai/responses}
 * @param liveEndpoints the configured endpoints; used by the live target, ignored by the lab
 * @param intended the deployment the suite expects (regions, pool weights)
 * @param credentials the default caller's credential settings for the live target
 * @param personas the identities the RBAC scenarios use
 * @param extraCaCertFile an extra PEM of trusted CA certificates for the suite's HTTP clients
 * @param httpTimeout the timeout of every HTTP call
 * @param labTopologyFile the lab's topology file, when not the shipped default
 * @param clients the client libraries every access path runs with, in configuration order
 * @param distribution how the load-balancing scenario measures the pool
 * @param rbac how the RBAC scenario judges the deployment beyond its personas
 * @param price what tokens cost, for the report's estimate
 */
public record SuiteConfig(
        Target target,
        String modelDeployment,
        String apiVersion,
        DeploymentEndpoints liveEndpoints,
        IntendedDeployment intended,
        LiveCredentials credentials,
        List<Persona> personas,
        Optional<Path> extraCaCertFile,
        Duration httpTimeout,
        Optional<Path> labTopologyFile,
        List<Client> clients,
        DistributionSettings distribution,
        RbacSettings rbac,
        TokenPrice price) {

    public SuiteConfig {
        personas = List.copyOf(personas);
        clients = List.copyOf(clients);
    }

    /** This configuration with another lab topology: how a scenario starts a lab variant of its own. */
    public SuiteConfig withLabTopology(Path file) {
        return new SuiteConfig(target, modelDeployment, apiVersion, liveEndpoints, intended, credentials, personas,
                extraCaCertFile, httpTimeout, Optional.of(file), clients, distribution, rbac, price);
    }

    /** Every secret value the configuration holds (keys, client secrets), for the run's redactor. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        liveEndpoints.apimSubscriptionKey().map(Secret::reveal).ifPresent(secrets::add);
        liveEndpoints.apimSuspendedSubscriptionKey().map(Secret::reveal).ifPresent(secrets::add);
        credentials.clientSecret().map(Secret::reveal).ifPresent(secrets::add);
        personas.forEach(p -> p.clientSecret().map(Secret::reveal).ifPresent(secrets::add));
        liveEndpoints.accountKeys().values().forEach(k -> secrets.add(k.reveal()));
        // GitHub's bearer for its OIDC token endpoint, which the nightly's sign-in uses (docs/azure-facts.md §9)
        Optional.ofNullable(credentials.inheritedEnvironment().variables().get("ACTIONS_ID_TOKEN_REQUEST_TOKEN"))
                .filter(v -> !v.isBlank()).ifPresent(secrets::add);
        return secrets;
    }

    public Optional<Persona> persona(String name) {
        return personas.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
