package io.aoailab.lab.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real azure-identity {@code ClientSecretCredential} (MSAL4J inside) against the lab's authority served on
 * loopback: what the suite does in lab mode.
 */
class EntraAuthorityCredentialTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static EntraLab lab;

    @BeforeAll
    static void start() {
        lab = new EntraLab();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cognitiveservices.azure.com", "https://ai.azure.com", "https://storage.azure.com",
            "https://search.azure.com"})
    void should_issue_a_token_the_authority_accepts_for_its_resource_when_the_credential_uses_the_pinned_host(
            String resource) {
        // GIVEN
        ClientSecretCredential credential = credential(lab.pinnedAuthorityHost(), lab.tenantId(), "suite-caller",
                lab.authority.clientSecret("suite-caller").reveal());

        // WHEN
        AccessToken token = credential.getTokenSync(new TokenRequestContext().addScopes(resource + "/.default"));

        // THEN
        assertThat(token.getExpiresAt()).isAfter(OffsetDateTime.now().plusMinutes(55));
        TokenCheck check = lab.authority.verify("Bearer " + token.getToken(), resource);
        assertThat(check).isInstanceOfSatisfying(TokenCheck.Valid.class, valid -> assertThat(valid.caller())
                .isEqualTo(new Caller(lab.topology.principal("suite-caller").orElseThrow().objectId(),
                        lab.clientId("suite-caller"), lab.tenantId(), "suite-caller")));
        String otherResource = Resources.SUPPORTED.stream().filter(r -> !r.equals(resource)).findFirst().orElseThrow();
        assertThat(lab.authority.verify("Bearer " + token.getToken(), otherResource))
                .isEqualTo(new TokenCheck.Invalid("wrong audience '" + resource + "' expected '" + otherResource + "'"));
    }

    @Test
    void should_issue_a_token_when_the_authority_host_is_the_loopback_address() {
        // GIVEN
        ClientSecretCredential credential = credential(lab.loopbackAuthorityHost(), lab.tenantId(), "openai-only",
                lab.authority.clientSecret("openai-only").reveal());

        // WHEN
        AccessToken token = credential.getTokenSync(
                new TokenRequestContext().addScopes("https://cognitiveservices.azure.com/.default"));

        // THEN
        assertThat(lab.authority.verify("Bearer " + token.getToken(), "https://cognitiveservices.azure.com/"))
                .isInstanceOfSatisfying(TokenCheck.Valid.class,
                        valid -> assertThat(valid.caller().name()).isEqualTo("openai-only"));
    }

    @Test
    void should_issue_a_token_when_the_pinned_host_keeps_instance_discovery_on() {
        // GIVEN
        MsalInstanceCache.forget();
        lab.requests.clear();
        ClientSecretCredential credential = new ClientSecretCredentialBuilder()
                .authorityHost(lab.pinnedAuthorityHost()).tenantId(lab.tenantId()).clientId(lab.clientId("no-role"))
                .clientSecret(lab.authority.clientSecret("no-role").reveal())
                .httpClient(lab.factory.azureHttpClient()).build();

        // WHEN
        AccessToken token = credential.getTokenSync(
                new TokenRequestContext().addScopes("https://search.azure.com/.default"));

        // THEN MSAL validated the authority at the lab first, then asked for the token
        assertThat(lab.requests).containsExactly("GET " + InstanceDiscovery.PATH,
                "POST /" + lab.tenantId() + TokenEndpoint.PATH);
        assertThat(lab.authority.verify("Bearer " + token.getToken(), "https://search.azure.com"))
                .isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void should_be_refused_with_aadsts50049_when_a_loopback_authority_keeps_instance_discovery_on() {
        // GIVEN MSAL sends the discovery to login.microsoftonline.com at the authority's port, which is the lab here
        MsalInstanceCache.forget();
        ClientSecretCredential credential = new ClientSecretCredentialBuilder()
                .authorityHost(lab.loopbackAuthorityHost()).tenantId(lab.tenantId()).clientId(lab.clientId("no-role"))
                .clientSecret(lab.authority.clientSecret("no-role").reveal())
                .httpClient(lab.factory.azureHttpClient()).build();

        // WHEN
        Throwable failure = failure(credential, "https://search.azure.com/.default");

        // THEN
        assertThat(msal(failure)).satisfies(refusal -> {
            assertThat(refusal.statusCode()).isEqualTo(400);
            assertThat(refusal.errorCode()).isEqualTo("invalid_instance");
            assertThat(refusal).hasMessageStartingWith("AADSTS50049: Unknown or invalid instance.");
        });
    }

    @Test
    void should_accept_the_tenant_domain_as_the_tenant_when_the_credential_names_it() {
        // GIVEN
        ClientSecretCredential credential = credential(lab.pinnedAuthorityHost(), lab.topology.tenant().domain(),
                "contributor-only", lab.authority.clientSecret("contributor-only").reveal());

        // WHEN
        AccessToken token = credential.getTokenSync(new TokenRequestContext().addScopes("https://ai.azure.com/.default"));

        // THEN
        assertThat(lab.authority.verify("Bearer " + token.getToken(), "https://ai.azure.com"))
                .isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void should_be_refused_with_aadsts7000215_and_no_secret_in_any_message_when_the_secret_is_wrong() {
        // GIVEN
        String wrongSecret = "abc1Q~" + "x".repeat(34);
        ClientSecretCredential credential = credential(lab.pinnedAuthorityHost(), lab.tenantId(), "suite-caller",
                wrongSecret);

        // WHEN
        Throwable failure = failure(credential, "https://cognitiveservices.azure.com/.default");

        // THEN
        assertThat(msal(failure)).satisfies(refusal -> {
            assertThat(refusal.statusCode()).isEqualTo(401);
            assertThat(refusal.errorCode()).isEqualTo("invalid_client");
            assertThat(refusal).hasMessageStartingWith("AADSTS7000215: Invalid client secret provided.");
        });
        assertThat(messages(failure)).allSatisfy(m -> assertThat(m).doesNotContain(wrongSecret)
                .doesNotContain(lab.authority.clientSecret("suite-caller").reveal()));
    }

    @Test
    void should_be_refused_with_aadsts700016_when_the_client_id_is_unknown() {
        // GIVEN
        String unknownClient = UUID.randomUUID().toString();
        String secret = lab.authority.clientSecret("suite-caller").reveal();
        ClientSecretCredential credential = new ClientSecretCredentialBuilder()
                .authorityHost(lab.pinnedAuthorityHost()).tenantId(lab.tenantId()).clientId(unknownClient)
                .clientSecret(secret).disableInstanceDiscovery().httpClient(lab.factory.azureHttpClient()).build();

        // WHEN
        Throwable failure = failure(credential, "https://cognitiveservices.azure.com/.default");

        // THEN
        assertThat(msal(failure)).satisfies(refusal -> {
            assertThat(refusal.statusCode()).isEqualTo(400);
            assertThat(refusal.errorCode()).isEqualTo("unauthorized_client");
            assertThat(refusal).hasMessageStartingWith("AADSTS700016: Application with identifier '" + unknownClient
                    + "' was not found in the directory '" + lab.tenantId() + "'.");
        });
        assertThat(messages(failure)).allSatisfy(m -> assertThat(m).doesNotContain(secret));
    }

    @Test
    void should_be_refused_with_aadsts1002012_when_the_scope_is_not_a_default_scope() {
        // GIVEN
        ClientSecretCredential credential = credential(lab.pinnedAuthorityHost(), lab.tenantId(), "suite-caller",
                lab.authority.clientSecret("suite-caller").reveal());

        // WHEN
        Throwable failure = failure(credential, "https://cognitiveservices.azure.com/user_impersonation");

        // THEN MSAL4J adds openid, profile and offline_access, which Entra echoes in the message
        assertThat(msal(failure)).satisfies(refusal -> {
            assertThat(refusal.statusCode()).isEqualTo(400);
            assertThat(refusal.errorCode()).isEqualTo("invalid_scope");
            assertThat(refusal).hasMessageStartingWith("AADSTS1002012: The provided value for scope ")
                    .hasMessageContaining("https://cognitiveservices.azure.com/user_impersonation");
        });
    }

    @Test
    void should_be_refused_with_aadsts500011_when_the_resource_is_not_one_the_lab_serves() {
        // GIVEN
        ClientSecretCredential credential = credential(lab.pinnedAuthorityHost(), lab.tenantId(), "suite-caller",
                lab.authority.clientSecret("suite-caller").reveal());

        // WHEN
        Throwable failure = failure(credential, "https://management.azure.com/.default");

        // THEN
        assertThat(msal(failure)).satisfies(refusal -> {
            assertThat(refusal.statusCode()).isEqualTo(400);
            assertThat(refusal.errorCode()).isEqualTo("invalid_resource");
            assertThat(refusal).hasMessageStartingWith(
                    "AADSTS500011: The resource principal named https://management.azure.com was not found");
        });
    }

    @Test
    void should_be_refused_with_aadsts90002_when_the_tenant_is_unknown() {
        // GIVEN
        String otherTenant = UUID.randomUUID().toString();
        ClientSecretCredential credential = credential(lab.pinnedAuthorityHost(), otherTenant, "suite-caller",
                lab.authority.clientSecret("suite-caller").reveal());

        // WHEN
        Throwable failure = failure(credential, "https://cognitiveservices.azure.com/.default");

        // THEN
        assertThat(msal(failure)).satisfies(refusal -> {
            assertThat(refusal.statusCode()).isEqualTo(400);
            assertThat(refusal.errorCode()).isEqualTo("invalid_tenant");
            assertThat(refusal).hasMessageStartingWith("AADSTS90002: Tenant '" + otherTenant + "' not found.");
        });
    }

    @Test
    void should_report_msal_service_exception_not_client_authentication_exception_when_entra_refuses() {
        // GIVEN
        ClientSecretCredential credential = credential(lab.pinnedAuthorityHost(), lab.tenantId(), "no-role",
                "abc1Q~" + "y".repeat(34));
        TokenRequestContext request = new TokenRequestContext().addScopes("https://cognitiveservices.azure.com/.default");

        // WHEN
        Throwable sync = catchThrowable(() -> credential.getTokenSync(request));
        Throwable async = catchThrowable(() -> credential.getToken(request).block(TIMEOUT));

        // THEN
        assertThat(sync).isNotInstanceOf(ClientAuthenticationException.class)
                .hasCauseInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(MsalServiceException.class);
        assertThat(async).isInstanceOf(MsalServiceException.class).hasMessageStartingWith("AADSTS7000215: ");
    }

    private static ClientSecretCredential credential(String authorityHost, String tenant, String principal,
            String secret) {
        return new ClientSecretCredentialBuilder()
                .authorityHost(authorityHost)
                .tenantId(tenant)
                .clientId(lab.clientId(principal))
                .clientSecret(secret)
                .disableInstanceDiscovery()
                .httpClient(lab.factory.azureHttpClient())
                .build();
    }

    /**
     * What {@code getTokenSync} (the call azure-core's synchronous pipelines make) throws when Entra refuses.
     * azure-identity 1.18.2 does not turn MSAL's {@link MsalServiceException} into a
     * {@code ClientAuthenticationException} for a client secret; it wraps it in a {@code RuntimeException}.
     */
    private static Throwable failure(ClientSecretCredential credential, String scope) {
        Throwable failure = catchThrowable(() -> credential.getTokenSync(new TokenRequestContext().addScopes(scope)));
        assertThat(failure).as("the credential's failure").isNotNull().hasRootCauseInstanceOf(MsalServiceException.class);
        return failure;
    }

    private static MsalServiceException msal(Throwable failure) {
        return (MsalServiceException) rootCause(failure);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The messages of the failure and its causes: all of them reach logs and reports. */
    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            messages.add(t.toString());
        }
        return messages;
    }
}
