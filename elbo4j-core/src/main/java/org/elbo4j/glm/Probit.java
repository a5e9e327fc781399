package org.elbo4j.glm;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;

/**
 * log Φ(x) and the inverse Mills ratio λ(x) = φ(x)/Φ(x) = d log Φ(x)/dx, accurate in both tails,
 * with d²/dx² log Φ(x) = −λ(x)(x + λ(x)).
 *
 * <p>Implementation note: for x &lt; 0, Φ(x) = ½ erfcx(−x/√2) e^{−x²/2}, so
 * log Φ(x) = log(½ erfcx(−x/√2)) − x²/2 and λ(x) = √(2/π) / erfcx(−x/√2), which neither
 * underflow nor cancel; for x ≥ 0, log Φ(x) = log1p(−½ erfc(x/√2)).
 */
final class Probit {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private Probit() {
    }

    /** log Φ(x). */
    static double logCdf(double x) {
        if (x < 0) {
            return Math.log(0.5 * Erfcx.value(-x * SQRT_HALF)) - 0.5 * x * x;
        }
        return Math.log1p(-0.5 * Erfc.value(x * SQRT_HALF));
    }

    /** Φ(x). */
    static double cdf(double x) {
        return 0.5 * Erfc.value(-x * SQRT_HALF);
    }

    /** λ(x) = φ(x) / Φ(x). */
    static double mills(double x) {
        if (x < 0) {
            return SQRT_TWO_OVER_PI / Erfcx.value(-x * SQRT_HALF);
        }
        return Math.exp(-0.5 * x * x - LOG_SQRT_TWO_PI) / cdf(x);
    }
}
