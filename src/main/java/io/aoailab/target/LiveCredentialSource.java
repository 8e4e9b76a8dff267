package io.aoailab.target;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.aoailab.access.HttpClientFactory;
import io.aoailab.config.LiveCredentials;
import io.aoailab.config.Persona;
import io.aoailab.config.Secret;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Live credentials: the DefaultAzureCredential chain for the default caller (environment service principal,
 * workload identity in CI, managed identity, developer tools), client-secret credentials for personas.
 *
 * <p>The chain reads its {@code AZURE_*} variables from the suite's resolved configuration layered over the
 * environment the configuration inherited (the process's on a user's run), so values kept in {@code .env} or given
 * as system properties count too.
 */
public final class LiveCredentialSource implements CredentialSource {
    /** azure-identity's AzureAuthorityHosts: public, US Government and China clouds. */
    private static final Set<String> MICROSOFT_AUTHORITY_HOSTS = Set.of("login.microsoftonline.com",
            "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn");

    private final LiveCredentials settings;
    private final HttpClientFactory http;

    public LiveCredentialSource(LiveCredentials settings, HttpClientFactory http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public TokenCredential defaultCaller() {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
                .authorityHost(settings.authorityHost().toString())
                .httpClient(http.azureHttpClient())
                .configuration(identityConfiguration());
        settings.tenantId().ifPresent(builder::tenantId);
        if (!isMicrosoftCloud(settings.authorityHost())) {
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }

    @Override
    public TokenCredential persona(Persona persona) {
        String tenant = settings.tenantId().orElseThrow(() -> new IllegalStateException(
                "AZURE_TENANT_ID is not set, but persona '" + persona.name() + "' signs in with a client secret."
                        + " Fix: set AZURE_TENANT_ID to the tenant of the persona's service principal."));
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                .authorityHost(settings.authorityHost().toString())
                .tenantId(tenant)
                .clientId(persona.clientId().orElseThrow())
                .clientSecret(persona.clientSecret().map(Secret::reveal).orElseThrow())
                .httpClient(http.azureHttpClient());
        if (!isMicrosoftCloud(settings.authorityHost())) {
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }

    /**
     * Instance discovery asks Microsoft's public cloud to vouch for the authority; for any other authority (Azure
     * Stack, ADFS, a standalone lab) MSAL's documented remedy is to disable it, or sign-in fails offline.
     */
    static boolean isMicrosoftCloud(URI authorityHost) {
        String host = authorityHost.getHost().toLowerCase(Locale.ROOT);
        return MICROSOFT_AUTHORITY_HOSTS.contains(host);
    }

    private Configuration identityConfiguration() {
        Map<String, String> variables = new HashMap<>(settings.inheritedEnvironment().variables());
        settings.tenantId().ifPresent(v -> variables.put(Configuration.PROPERTY_AZURE_TENANT_ID, v));
        settings.clientId().ifPresent(v -> variables.put(Configuration.PROPERTY_AZURE_CLIENT_ID, v));
        settings.clientSecret().ifPresent(v -> variables.put(Configuration.PROPERTY_AZURE_CLIENT_SECRET, v.reveal()));
        settings.federatedTokenFile().ifPresent(v -> variables.put("AZURE_FEDERATED_TOKEN_FILE", v));
        variables.put(Configuration.PROPERTY_AZURE_AUTHORITY_HOST, settings.authorityHost().toString());
        ConfigurationSource none = path -> Map.of();
        ConfigurationSource environment = path -> variables;
        return new ConfigurationBuilder(none, none, environment).build();
    }
}
