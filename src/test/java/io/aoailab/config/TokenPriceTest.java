package io.aoailab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenPriceTest {

    @Test
    void a_run_costs_its_tokens_at_the_configured_prices() {
        TokenPrice price = new TokenPrice(new BigDecimal("0.0025"), new BigDecimal("0.01"), "USD");

        assertThat(price.estimate(1_000_000, 100_000)).isEqualByComparingTo("3.5");
        assertThat(price.describe(1234, 567)).isEqualTo("≈ 0.0088 USD (0.0025 per 1K input, 0.01 per 1K output tokens)");
    }

    @Test
    void prices_come_from_configuration_with_list_price_defaults() {
        TokenPrice defaults = new SuiteConfigResolver(ConfigSources.of(Map.of(), Map.of(), Map.of())).resolve().price();
        TokenPrice stated = new SuiteConfigResolver(ConfigSources.of(Map.of("PRICE_PER_1K_INPUT_TOKENS", "0.002",
                "PRICE_PER_1K_OUTPUT_TOKENS", "0.008", "PRICE_CURRENCY", "eur"), Map.of(), Map.of())).resolve().price();

        assertThat(defaults).isEqualTo(new TokenPrice(BigDecimal.valueOf(0.0025), BigDecimal.valueOf(0.01), "USD"));
        assertThat(stated.currency()).isEqualTo("EUR");
        assertThat(stated.perThousandOutput()).isEqualByComparingTo("0.008");
    }

    @Test
    void a_currency_that_is_no_code_is_named() {
        try {
            new SuiteConfigResolver(ConfigSources.of(Map.of("PRICE_CURRENCY", "dollars"), Map.of(), Map.of())).resolve();
        } catch (ConfigurationException e) {
            assertThat(e.getMessage()).startsWith("PRICE_CURRENCY='dollars'").contains("three-letter currency code");
            return;
        }
        throw new AssertionError("Expecting PRICE_CURRENCY=dollars to be refused");
    }
}
