package io.aoailab.target.lab;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.config.Persona;
import io.aoailab.lab.Lab;
import io.aoailab.target.CredentialSource;
import java.util.NoSuchElementException;

/**
 * Lab identities through azure-identity's own {@code ClientSecretCredential}, pointed at the lab's Entra
 * authority: the same library code path as live, only the authority differs. Instance discovery is disabled
 * because the lab's authority is not one of Microsoft's clouds.
 */
final class LabCredentialSource implements CredentialSource {
    private final Lab lab;
    private final HttpClientFactory http;

    LabCredentialSource(Lab lab, HttpClientFactory http) {
        this.lab = lab;
        this.http = http;
    }

    @Override
    public TokenCredential defaultCaller() {
        return credentialOf(lab.topology().defaultCaller());
    }

    @Override
    public TokenCredential persona(Persona persona) {
        try {
            return credentialOf(persona.name());
        } catch (NoSuchElementException e) {
            throw new IllegalStateException("PERSONAS declares '" + persona.name() + "', but the lab topology has no"
                    + " principal of that name. Fix: add it to the topology's principals (LAB_TOPOLOGY_FILE), or"
                    + " remove it from PERSONAS.", e);
        }
    }

    private TokenCredential credentialOf(String principal) {
        Lab.PrincipalCredentials credentials = lab.credentials(principal);
        return new ClientSecretCredentialBuilder()
                // nothing from azure-core's global configuration (the process environment): the lab decides it all
                .configuration(Configuration.NONE)
                .authorityHost(lab.authorityHostUri().toString())
                .tenantId(credentials.tenantId())
                .clientId(credentials.clientId())
                .clientSecret(credentials.clientSecret().reveal())
                .disableInstanceDiscovery()
                .httpClient(http.azureHttpClient())
                .build();
    }
}
