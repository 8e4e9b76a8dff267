package io.aoailab.lab.storage;

import io.aoailab.testing.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.lab.storage.BearerAuthenticator.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BearerAuthenticatorTest {
    private static final String TENANT = "4f8c2a1e-7b3d-4e6f-a9c8-1d2e3f4a5b6c";
    private static final String OID = "9e8d7c6b-0001-4000-8000-000000000001";
    private final TestTokens tokens = new TestTokens(TENANT);
    private final BearerAuthenticator authenticator =
            new BearerAuthenticator(tokens, "stlabbyo.blob.core.windows.net", TENANT);

    @ParameterizedTest(name = "Bearer token for {0}")
    @CsvSource({"https://storage.azure.com", "https://stlabbyo.blob.core.windows.net"})
    void should_accept_both_storage_audiences(String audience) {
        // GIVEN
        String token = tokens.mint(OID, audience);

        // WHEN
        Outcome outcome = authenticator.authenticate(Optional.of("Bearer " + token), Optional.of("2026-02-06"));

        // THEN
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Authenticated.class,
                a -> assertThat(a.caller().objectId()).isEqualTo(OID));
    }

    @Test
    void should_refuse_the_account_audience_of_another_account() {
        // GIVEN
        String token = tokens.mint(OID, "https://stlabother.blob.core.windows.net");

        // WHEN
        Outcome outcome = authenticator.authenticate(Optional.of("Bearer " + token), Optional.of("2026-02-06"));

        // THEN
        assertThat(code(outcome)).isEqualTo("InvalidAuthenticationInfo");
        assertThat(((Outcome.Refused) outcome).error().details())
                .containsEntry("AuthenticationErrorDetail", "Audience validation failed. Audience did not match.");
    }

    @Test
    void should_name_no_failed_check_when_the_token_fails_on_more_than_its_audience() {
        // GIVEN a token the service does not know at all
        Outcome outcome = authenticator.authenticate(Optional.of("Bearer not-a-token"), Optional.of("2026-02-06"));

        // THEN
        assertThat(code(outcome)).isEqualTo("InvalidAuthenticationInfo");
        assertThat(((Outcome.Refused) outcome).error().details()).isEmpty();
    }

    @ParameterizedTest(name = "Authorization={0}, x-ms-version={1} -> {2}")
    @CsvSource(nullValues = "-", value = {
        "-,             2019-12-12, NoAuthenticationInformation",
        "-,             2019-07-07, PublicAccessNotPermitted",
        "-,             -,          PublicAccessNotPermitted",
        "Bearer abc,    2017-07-29, AuthenticationFailed",
        "Bearer abc,    -,          AuthenticationFailed",
        "Bearer abc,    latest,     InvalidHeaderValue",
        "Bearer abc,    2026-02-06, InvalidAuthenticationInfo",
        "SharedKey a:b, 2026-02-06, KeyBasedAuthenticationNotPermitted",
        "Basic YTpi,    2026-02-06, InvalidAuthenticationInfo",
    })
    void should_refuse_as_storage_does_when_the_credential_or_version_is_not_usable(String authorization,
            String version, String code) {
        // WHEN
        Outcome outcome = authenticator.authenticate(Optional.ofNullable(authorization), Optional.ofNullable(version));

        // THEN
        assertThat(code(outcome)).isEqualTo(code);
    }

    private static String code(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused) outcome).error().code();
    }
}
