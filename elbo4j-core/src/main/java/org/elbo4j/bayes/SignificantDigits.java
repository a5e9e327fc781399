package org.elbo4j.bayes;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers rounded to a few significant digits for the verdict's reason, without
 * {@link String#format}: the first use of {@link java.util.Formatter} in a JVM costs about 20 ms
 * (measured here on JDK 25), as much as a whole small fit.
 */
final class SignificantDigits {

    private SignificantDigits() {
    }

    /** x rounded to {@code digits} significant digits, in plain notation ("NaN", "Infinity" as Double). */
    static String of(double x, int digits) {
        if (!Double.isFinite(x) || x == 0) {
            return x == 0 ? "0" : Double.toString(x);
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros();
        double magnitude = Math.abs(x);
        return magnitude >= 1e-4 && magnitude < 1e9 ? rounded.toPlainString() : rounded.toString();
    }
}
