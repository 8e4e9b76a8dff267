package io.aoailab.config;

import java.net.URI;
import java.util.Optional;

/**
 * What azure-identity needs for the default caller on the live target. Absent values leave the choice to the
 * DefaultAzureCredential chain (environment, workload identity, managed identity, Azure CLI, ...).
 *
 * @param inheritedEnvironment the rest of the environment the chain may read (the process's on a user's run)
 */
public record LiveCredentials(
        Optional<String> tenantId,
        Optional<String> clientId,
        Optional<Secret> clientSecret,
        URI authorityHost,
        Optional<String> federatedTokenFile,
        InheritedEnvironment inheritedEnvironment) {
}
