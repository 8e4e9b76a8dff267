package io.aoailab.junit;

import io.aoailab.access.UsageSummary;
import io.aoailab.report.TokenUsageReport;
import java.util.List;
import java.util.Map;

/** Turns the ledger's sums into the report's lines: the report takes plain numbers, not the access types. */
final class TokenAccounting {
    private TokenAccounting() {
    }

    static List<TokenUsageReport.Line> lines(Map<String, UsageSummary> byPath) {
        return byPath.entrySet().stream().map(e -> line(e.getKey(), e.getValue())).toList();
    }

    private static TokenUsageReport.Line line(String name, UsageSummary usage) {
        return new TokenUsageReport.Line(name, usage.calls(), usage.tokens().input(), usage.tokens().output(),
                usage.tokens().total());
    }
}
