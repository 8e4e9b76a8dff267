package io.aoailab.config;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a thousand tokens cost, to estimate a run's cost in the report. The defaults are Azure OpenAI's list price for
 * gpt-4o on a Global Standard deployment (USD 2.50 per million input and 10 per million output tokens,
 * azure.microsoft.com/pricing/details/cognitive-services/openai-service/); agreements, regions and models differ, so
 * the keys are there to state yours. An estimate: cached input and other discounts are not counted.
 *
 * @param perThousandInput the price of 1,000 input tokens ({@code PRICE_PER_1K_INPUT_TOKENS})
 * @param perThousandOutput the price of 1,000 output tokens ({@code PRICE_PER_1K_OUTPUT_TOKENS})
 * @param currency the currency the prices are in ({@code PRICE_CURRENCY})
 */
public record TokenPrice(BigDecimal perThousandInput, BigDecimal perThousandOutput, String currency) {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /** The estimated cost of these tokens. */
    public BigDecimal estimate(long inputTokens, long outputTokens) {
        return perThousandInput.multiply(BigDecimal.valueOf(inputTokens))
                .add(perThousandOutput.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(THOUSAND, 4, RoundingMode.HALF_UP);
    }

    /** E.g. "≈ 0.2418 USD (0.0025 per 1K input, 0.01 per 1K output tokens)". */
    public String describe(long inputTokens, long outputTokens) {
        return "≈ " + estimate(inputTokens, outputTokens).toPlainString() + " " + currency + " ("
                + perThousandInput.stripTrailingZeros().toPlainString() + " per 1K input, "
                + perThousandOutput.stripTrailingZeros().toPlainString() + " per 1K output tokens)";
    }
}
