package io.aoailab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallReportTest {

    @Test
    void should_describe_the_exchange_without_any_credential() {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2ln");
        request.put("api-key", "0123456789abcdef0123456789abcdef");
        Map<String, String> response = Map.of("x-ms-region", "East US 2");

        String text = CallReport.describe(new Redactor(), "POST", "https://apim.azure-api.net/openai/responses?api-key=0123456789abcdef0123456789abcdef",
                request, "{\"model\":\"gpt-4o\",\"input\":\"hi\"}", 200, response, "{\"id\":\"resp_1\"}");

        assertThat(text).contains("POST https://apim.azure-api.net/openai/responses?api-key=REDACTED",
                "Authorization: Bearer REDACTED", "api-key: REDACTED", "--- 200 ---", "x-ms-region: East US 2",
                "{\"id\":\"resp_1\"}");
        assertThat(text).doesNotContain("0123456789abcdef", "eyJ");
    }

    @Test
    void should_cut_long_bodies() {
        String body = "x".repeat(CallReport.MAX_BODY_CHARS + 10);

        String text = CallReport.describe(new Redactor(), "GET", "https://a/b", Map.of(), "", 200, Map.of(), body);

        assertThat(text).contains("... (10 more characters)").contains("(no body)");
    }
}
