package org.elbo4j.topics;

/**
 * ψ(x) for x &gt; 0, for the E-step's inner loop: the recurrence ψ(x) = ψ(x + 1) − 1/x up to
 * x ≥ 10, then the asymptotic series
 * <pre>
 *   ψ(x) ≈ ln x − 1/(2x) − 1/(12x²) + 1/(120x⁴) − 1/(252x⁶) + 1/(240x⁸) − 1/(132x¹⁰)
 *          + 691/(32760x¹²) − 1/(12x¹⁴)
 * </pre>
 * (Abramowitz &amp; Stegun 6.3.18; truncation error below 5e-17 at x ≥ 10). Commons Numbers'
 * {@code Digamma} recurs up to x ≥ 49, about 45 divisions for the γ_dk ≈ 0.1 of sparse documents;
 * this takes at most 10. Agrees with it to 1e-13 absolute (tested).
 */
final class FastDigamma {

    private FastDigamma() {
    }

    static double value(double x) {
        double shift = 0;
        while (x < 10) {
            shift -= 1 / x;
            x += 1;
        }
        double r = 1 / x;
        double r2 = r * r;
        double series = r2 * (1.0 / 12 - r2 * (1.0 / 120 - r2 * (1.0 / 252 - r2 * (1.0 / 240 - r2 * (1.0 / 132
                - r2 * (691.0 / 32760 - r2 / 12))))));
        return shift + Math.log(x) - 0.5 * r - series;
    }
}
