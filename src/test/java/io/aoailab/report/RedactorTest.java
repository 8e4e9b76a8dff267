package io.aoailab.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = new Redactor();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Authorization: Bearer abc.def-ghi_jkl|Authorization: Bearer REDACTED",
        "api-key: 0123456789abcdef|api-key: REDACTED",
        "Ocp-Apim-Subscription-Key: 0123456789abcdef|Ocp-Apim-Subscription-Key: REDACTED",
        "GET /openai/responses?subscription-key=0123456789abcdef&x=1|GET /openai/responses?subscription-key=REDACTED&x=1",
        "grant_type=client_credentials&client_secret=s3cr3t~value&scope=x|grant_type=client_credentials&client_secret=REDACTED&scope=x",
        "https://acct.blob.core.windows.net/c/b?sv=2024&sig=abc%2Bdef|https://acct.blob.core.windows.net/c/b?sv=2024&sig=REDACTED",
        "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc+def==;EndpointSuffix=x|DefaultEndpointsProtocol=https;AccountName=a;AccountKey=REDACTED;EndpointSuffix=x",
        "{\"credentials\":{\"type\":\"ApiKey\",\"key\":\"0123456789abcdef\"}}|{\"credentials\":{\"type\":\"ApiKey\",\"key\":\"REDACTED\"}}",
        "{\"access_token\":\"opaque-token-value\",\"expires_in\":3599}|{\"access_token\":\"REDACTED\",\"expires_in\":3599}"})
    void should_redact_every_credential_shape(String text, String expected) {
        assertThat(redactor.redact(text)).isEqualTo(expected);
    }

    @Test
    void should_redact_a_jwt_wherever_it_appears() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzLmF6dXJlLmNvbSJ9.c2lnbmF0dXJl";

        assertThat(redactor.redact("token " + jwt + " expired")).isEqualTo("token REDACTED expired");
    }

    @Test
    void should_redact_a_registered_secret_in_any_context() {
        redactor.registerSecret("lab-generated-key-123456");

        assertThat(redactor.redact("the key lab-generated-key-123456 was used"))
                .isEqualTo("the key REDACTED was used");
    }

    @Test
    void should_leave_text_without_secrets_unchanged() {
        String text = "x-ms-region: East US 2; status 429; retry-after: 7";

        assertThat(redactor.redact(text)).isSameAs(text);
    }
}
