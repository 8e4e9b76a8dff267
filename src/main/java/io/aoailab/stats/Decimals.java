package io.aoailab.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How the package writes numbers into sentences: the same digits in every message, whatever the default locale. */
final class Decimals {
    private Decimals() {
    }

    /** A share or a tolerance: two decimals, three when the third matters ({@code 0.70}, {@code 0.533}). */
    static String share(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 2 ? rounded.setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                : rounded.toPlainString();
    }

    /** An error rate as it was given: {@code 0.001}, {@code 0.05}. */
    static String rate(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A log-likelihood ratio or a bound. */
    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
