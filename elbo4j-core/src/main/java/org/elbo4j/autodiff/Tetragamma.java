package org.elbo4j.autodiff;

/**
 * The tetragamma function ψ₂(x) = d³ ln Γ(x)/dx³ = −Σ_{k≥0} 2/(x + k)³, the second derivative of
 * digamma (Commons Numbers has ψ and ψ₁ only). For x below 20 the recurrence
 * {@code ψ₂(x) = ψ₂(x + 1) − 2/x³} shifts the argument up; there the asymptotic series
 * (Abramowitz &amp; Stegun 6.4.13, with Bernoulli numbers B_2k)
 * <pre>
 *   ψ₂(x) ≈ −1/x² − 1/x³ − Σ_{k≥1} (2k + 1) B_2k / x^{2k+2}
 *        = −1/x² − 1/x³ − 1/(2x⁴) + 1/(6x⁶) − 1/(6x⁸) + 3/(10x¹⁰) − 5/(6x¹²) + 691/(210x¹⁴)
 * </pre>
 * is accurate to about 1e−17 relative at x = 20 (the next term is 35/(2x¹⁶)). Negative
 * non-integers use the reflection {@code ψ₂(x) = ψ₂(1 − x) − 2π³ cos(πx)/sin³(πx)}; the poles
 * 0, −1, −2, … give NaN.
 */
final class Tetragamma {

    private static final double SHIFT_TO = 20;

    private Tetragamma() {
    }

    static double value(double x) {
        if (Double.isNaN(x) || x <= 0 && x == Math.rint(x)) {
            return Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (x < 0) {
            double s = Math.sin(Math.PI * x);
            return value(1 - x) - 2 * Math.PI * Math.PI * Math.PI * Math.cos(Math.PI * x) / (s * s * s);
        }
        double shift = 0;
        while (x < SHIFT_TO) {
            shift -= 2 / (x * x * x);
            x += 1;
        }
        double r = 1 / x;
        double r2 = r * r;
        double series = r2 * (-1.0 / 2 + r2 * (1.0 / 6 + r2 * (-1.0 / 6 + r2 * (3.0 / 10 + r2 * (-5.0 / 6
                + r2 * (691.0 / 210))))));
        return shift - r2 - r2 * r + r2 * series;
    }
}
