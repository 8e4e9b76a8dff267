package io.aoailab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.report.TokenUsageReport.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenUsageReportTest {

    @Test
    void should_show_a_line_per_access_path_and_the_total() {
        String text = TokenUsageReport.text(new Redactor(), List.of(new Line("apim", 2, 1_200, 34, 1_234),
                new Line("direct(East US)", 1, 20, 11, 31)));

        assertThat(text).isEqualTo("""
                apim: 2 calls, 1,200 input, 34 output, 1,234 total
                direct(East US): 1 call, 20 input, 11 output, 31 total
                total: 3 calls, 1,220 input, 45 output, 1,265 total
                """);
    }

    @Test
    void should_say_so_when_no_call_consumed_tokens() {
        assertThat(TokenUsageReport.text(new Redactor(), List.of(new Line("apim", 2, 0, 0, 0))))
                .isEqualTo("no token-consuming calls (2 calls)\n");
    }

    @Test
    void should_redact_what_it_shows() {
        Redactor redactor = new Redactor();
        redactor.registerSecret("s3cr3t-subscription-key");

        assertThat(TokenUsageReport.text(redactor, List.of(new Line("apim?key=s3cr3t-subscription-key", 1, 1, 1, 2))))
                .doesNotContain("s3cr3t-subscription-key");
    }
}
