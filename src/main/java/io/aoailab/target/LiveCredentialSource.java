package io.aoailab.target;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import com.azure.identity.ClientAssertionCredentialBuilder;
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
import java.util.Optional;
import java.util.Set;

/**
 * Live credentials: for the default caller, a GitHub workflow's OIDC token or the DefaultAzureCredential chain; for
 * personas, client-secret credentials.
 *
 * <h2>The default caller</h2>
 * <ul>
 *   <li><b>In a GitHub Actions job</b> granted {@code id-token: write}, where the inherited environment has
 *       {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}, with {@code AZURE_TENANT_ID}
 *       and {@code AZURE_CLIENT_ID} configured and neither {@code AZURE_CLIENT_SECRET} nor
 *       {@code AZURE_FEDERATED_TOKEN_FILE}: azure-identity's {@code ClientAssertionCredential}, whose assertion is a
 *       GitHub token asked for anew each time ({@link GitHubOidcAssertion}). azure-identity 1.18.2 calls the
 *       supplier for every token it requests from Entra (it overrides the credential per request), so each
 *       audience, and each renewal in a long run, gets a token GitHub issued moments before; a token handed over
 *       once expires after about 5 minutes and fails later requests with AADSTS700024 (docs/azure-facts.md §9).</li>
 *   <li><b>Otherwise</b> the DefaultAzureCredential chain: environment service principal, workload identity
 *       ({@code AZURE_FEDERATED_TOKEN_FILE}), managed identity, developer tools. A configured secret or token file
 *       is an explicit choice, so it wins over GitHub's variables, which every job with the permission has.</li>
 * </ul>
 * Both read their {@code AZURE_*} values from the suite's resolved configuration layered over the environment the
 * configuration inherited (the process's on a user's run), so values kept in {@code .env} or given as system
 * properties count too; GitHub's variables come from the inherited environment only, as GitHub sets them.
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
        Optional<TokenCredential> github = githubWorkflowCaller();
        if (github.isPresent()) {
            return github.get();
        }
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

    /** The caller of a GitHub job with {@code id-token: write}, if this run is one (see the class comment). */
    Optional<TokenCredential> githubWorkflowCaller() {
        if (settings.clientSecret().isPresent() || settings.federatedTokenFile().isPresent()
                || settings.tenantId().isEmpty() || settings.clientId().isEmpty()) {
            return Optional.empty();
        }
        return GitHubOidcAssertion.from(settings.inheritedEnvironment().variables(), http).map(assertion -> {
            ClientAssertionCredentialBuilder builder = new ClientAssertionCredentialBuilder()
                    .authorityHost(settings.authorityHost().toString())
                    .tenantId(settings.tenantId().get())
                    .clientId(settings.clientId().get())
                    .clientAssertion(assertion)
                    .httpClient(http.azureHttpClient())
                    .configuration(identityConfiguration());
            if (!isMicrosoftCloud(settings.authorityHost())) {
                builder.disableInstanceDiscovery();
            }
            return builder.build();
        });
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
