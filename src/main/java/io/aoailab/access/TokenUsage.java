package io.aoailab.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The tokens one call (or a sum of calls) consumed, as the Responses API reports them in {@code usage}
 * (docs/azure-facts.md §1.3): {@code input_tokens}, {@code output_tokens}, {@code total_tokens}.
 */
public record TokenUsage(long input, long output, long total) {
    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, output + other.output, total + other.total);
    }

    /** A {@code usage} object; empty when it is missing or lacks the input and output counts. */
    static Optional<TokenUsage> of(JsonNode usage) {
        JsonNode input = usage.path("input_tokens");
        JsonNode output = usage.path("output_tokens");
        if (!input.isIntegralNumber() || !output.isIntegralNumber()) {
            return Optional.empty();
        }
        JsonNode total = usage.path("total_tokens");
        return Optional.of(new TokenUsage(input.longValue(), output.longValue(),
                total.isIntegralNumber() ? total.longValue() : input.longValue() + output.longValue()));
    }
}
