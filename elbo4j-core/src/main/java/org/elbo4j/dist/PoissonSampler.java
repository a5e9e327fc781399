package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Draws from Poisson(λ).
 *
 * <ul>
 *   <li>λ &lt; 10: inversion by sequential search. With one u ~ U(0, 1), return the least k with
 *       F(k) = Σ_{j≤k} e^(−λ) λ^j / j! &gt; u; the expected number of steps is λ + 1.</li>
 *   <li>λ ≥ 10: PTRS, the transformed rejection method with squeeze of Hörmann, "The transformed
 *       rejection method for generating Poisson random variables", Insurance: Mathematics and
 *       Economics 12, 1993: with b = 0.931 + 2.53√λ, a = −0.059 + 0.02483·b,
 *       α = 1.1239 + 1.1328/(b − 3.4), v_r = 0.9277 − 3.6224/(b − 2), draw u ~ U(−½, ½),
 *       v ~ U(0, 1), us = ½ − |u|, k = ⌊(2a/us + b)·u + λ + 0.43⌋; accept at once when
 *       us ≥ 0.07 and v ≤ v_r, reject when k &lt; 0 or (us &lt; 0.013 and v &gt; us), else accept
 *       when log(v·α/(a/us² + b)) ≤ −λ + k·log λ − log k!. About 1.1 pairs of uniforms per draw.</li>
 * </ul>
 *
 * <p>Implementation note: the inversion search stops at k = 1000 (where F(k) = 1 in double for
 * any λ &lt; 10), so a u that rounding leaves above the last partial sum cannot loop forever.
 */
public final class PoissonSampler {

    /** Rate at and above which PTRS replaces inversion. */
    static final double PTRS_THRESHOLD = 10.0;

    private static final int INVERSION_LIMIT = 1000;

    private PoissonSampler() {
    }

    /** One k ~ Poisson(λ); λ must be finite and > 0. */
    public static double sample(RandomGenerator rng, double rate) {
        return rate < PTRS_THRESHOLD ? inversion(rng, rate) : ptrs(rng, rate);
    }

    private static double inversion(RandomGenerator rng, double rate) {
        double u = rng.nextDouble();
        double p = Math.exp(-rate);
        double cdf = p;
        int k = 0;
        while (u >= cdf && k < INVERSION_LIMIT) {
            k++;
            p *= rate / k;
            cdf += p;
        }
        return k;
    }

    private static double ptrs(RandomGenerator rng, double rate) {
        double logRate = Math.log(rate);
        double b = 0.931 + 2.53 * Math.sqrt(rate);
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / us + b) * u + rate + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            double lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
            double rhs = -rate + k * logRate - LogGamma.value(k + 1);
            if (lhs <= rhs) {
                return k;
            }
        }
    }
}
