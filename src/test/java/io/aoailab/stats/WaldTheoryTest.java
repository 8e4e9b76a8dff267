package io.aoailab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wald's approximations against what is known exactly about them. */
class WaldTheoryTest {
    private static final double ALPHA = 0.001;
    private static final double BETA = 0.001;
    private static final Map<String, Double> FIFTY_FIFTY = shares(0.5, 0.5);

    @Test
    void should_find_the_exponent_one_at_the_intended_share_and_minus_one_at_the_alternative() {
        // E[e^z] = E[p1/p0 ratio] = 1 under p0, E[e^-z] = 1 under p1: the likelihood ratio's defining property
        assertThat(WaldTheory.exponent(0.5, 0.7, 0.5)).isCloseTo(1, within(1e-9));
        assertThat(WaldTheory.exponent(0.5, 0.7, 0.7)).isCloseTo(-1, within(1e-9));
        assertThat(WaldTheory.exponent(0.3, 0.1, 0.3)).isCloseTo(1, within(1e-9));
    }

    @Test
    void should_give_walds_operating_characteristic_at_the_two_hypotheses() {
        // with A = 1/alpha, B = beta: L(p0) = (A - 1)/(A - B), L(p1) = B (A - 1)/(A - B)
        double a = 1 / ALPHA;
        double b = BETA;

        assertThat(WaldTheory.operatingCharacteristic(0.5, 0.7, ALPHA, BETA, 0.5))
                .isCloseTo((a - 1) / (a - b), within(1e-12));
        assertThat(WaldTheory.operatingCharacteristic(0.5, 0.7, ALPHA, BETA, 0.7))
                .isCloseTo(b * (a - 1) / (a - b), within(1e-12));
    }

    @Test
    void should_be_continuous_through_the_middle_of_the_indifference_zone() {
        // the drift log(0.7/0.5) p + log(0.3/0.5) (1 - p) is 0 at p = log(5/3)/log(7/3), where the formulas change
        double middle = Math.log(5.0 / 3) / Math.log(7.0 / 3);

        assertThat(WaldTheory.exponent(0.5, 0.7, middle)).isCloseTo(0, within(1e-6));
        // 1e-7 away the exact forms apply (|h| is about 1e-6 there), at the middle their limits: no jump between them
        // beyond the slope (about 17 per unit of share for L)
        for (double p : new double[] {middle - 1e-7, middle + 1e-7}) {
            assertThat(WaldTheory.averageSampleNumber(0.5, 0.7, ALPHA, BETA, p))
                    .isCloseTo(WaldTheory.averageSampleNumber(0.5, 0.7, ALPHA, BETA, middle), within(1e-3));
            assertThat(WaldTheory.operatingCharacteristic(0.5, 0.7, ALPHA, BETA, p))
                    .isCloseTo(WaldTheory.operatingCharacteristic(0.5, 0.7, ALPHA, BETA, middle), within(1e-5));
        }
    }

    @Test
    void should_need_log_2000_over_log_1_4_requests_when_one_region_gets_everything() {
        // every answer adds log(0.7/0.5) to "East US ≥ 0.70", which deviates at log(2/0.001)
        double average = WaldTheory.averageSampleNumber(FIFTY_FIFTY, ShareTestSettings.DEFAULTS, shares(1.0, 0.0));

        assertThat(average).isCloseTo(Math.log(2000) / Math.log(1.4), within(1e-9));
        assertThat(WaldTheory.probabilityOfMatching(FIFTY_FIFTY, ShareTestSettings.DEFAULTS, shares(1.0, 0.0)))
                .isZero();
    }

    @Test
    void should_approximate_the_exact_probability_of_matching_to_within_the_overshoot() {
        // Wald neglects the overshoot of the bounds, which makes the actual error rates smaller than his
        for (double actual : new double[] {0.5, 0.7, 0.3}) {
            double exact = ExactTwoRegionRates.outcomes(0.5, actual, ShareTestSettings.DEFAULTS)[
                    Outcome.MATCHES.ordinal()];

            assertThat(WaldTheory.probabilityOfMatching(FIFTY_FIFTY, ShareTestSettings.DEFAULTS,
                    shares(actual, 1 - actual))).as("true share %s", actual).isCloseTo(exact, within(5e-4));
        }
    }

    @Test
    void should_refuse_a_split_whose_alternative_is_certain() {
        // 80/20 with delta 0.2: "first ≥ 1.00" decides on one answer from the second region
        assertThatThrownBy(() -> WaldTheory.averageSampleNumber(shares(0.8, 0.2), ShareTestSettings.DEFAULTS,
                shares(0.8, 0.2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("can decide on one answer");
    }

    private static Map<String, Double> shares(double east, double east2) {
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("East US", east);
        shares.put("East US 2", east2);
        return shares;
    }
}
