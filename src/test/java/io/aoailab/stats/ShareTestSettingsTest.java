package io.aoailab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShareTestSettingsTest {

    @Test
    void should_default_to_one_wrong_verdict_in_a_thousand_either_way_and_a_tolerance_of_twenty_points() {
        assertThat(ShareTestSettings.DEFAULTS).isEqualTo(new ShareTestSettings(0.001, 0.001, 0.20, 2000));
    }

    @ParameterizedTest(name = "{0}, {1}, {2}, {3} -> {4}")
    @CsvSource(delimiter = ';', value = {
        "0;     0.001; 0.2; 10; alpha must be between 0 and 0.5, both excluded, got 0.0",
        "0.5;   0.001; 0.2; 10; alpha must be between 0 and 0.5, both excluded, got 0.5",
        "NaN;   0.001; 0.2; 10; alpha must be between 0 and 0.5, both excluded, got NaN",
        "0.001; -0.1;  0.2; 10; beta must be between 0 and 0.5, both excluded, got -0.1",
        "0.001; 0.7;   0.2; 10; beta must be between 0 and 0.5, both excluded, got 0.7",
        "0.001; 0.001; 0;   10; delta must be between 0 and 1, both excluded, got 0.0",
        "0.001; 0.001; 1;   10; delta must be between 0 and 1, both excluded, got 1.0",
        "0.001; 0.001; 0.2; 0;  maxSamples must be at least 1, got 0"})
    void should_name_the_value_out_of_range(double alpha, double beta, double delta, int maxSamples,
            String message) {
        assertThatThrownBy(() -> new ShareTestSettings(alpha, beta, delta, maxSamples))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void should_accept_values_just_inside_the_ranges() {
        ShareTestSettings settings = new ShareTestSettings(0.4999, 1e-9, 0.999, 1);

        assertThat(settings.maxSamples()).isEqualTo(1);
    }
}
