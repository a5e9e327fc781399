package org.elbo4j.dist;

import java.util.random.RandomGenerator;

/**
 * Draws from the standard Gamma(α, 1) distribution by Marsaglia and Tsang, "A Simple Method for
 * Generating Gamma Variables", ACM TOMS 26(3), 2000.
 *
 * <p>For α ≥ 1: with d = α − 1/3 and c = 1/√(9d), draw x ~ N(0, 1) and u ~ U(0, 1), set
 * v = (1 + c·x)³ and accept z = d·v when v > 0 and either u < 1 − 0.0331·x⁴ (the squeeze) or
 * log u < x²/2 + d·(1 − v + log v). For α < 1 the boost z = z' · U^{1/α} with z' ~ Gamma(α + 1)
 * and an independent U ~ U(0, 1] (Marsaglia and Tsang, section 6).
 *
 * <p>Implementation note: {@link #logStandardGamma} returns log z, with the boost applied as
 * log z' + (log U)/α, because for small α the draw itself underflows double precision (with
 * α = 0.01 a quarter of the draws are below 1e-300); Beta and Dirichlet normalise in log space.
 * Each draw consumes only {@code rng}, so a seeded stream gives the same draws on every run.
 */
public final class GammaSampler {

    private GammaSampler() {
    }

    /** log z for one z ~ Gamma(α, 1); α must be finite and > 0. */
    public static double logStandardGamma(RandomGenerator rng, double alpha) {
        if (alpha < 1) {
            double logBoost = Math.log(1.0 - rng.nextDouble()) / alpha;
            return Math.log(marsagliaTsang(rng, alpha + 1)) + logBoost;
        }
        return Math.log(marsagliaTsang(rng, alpha));
    }

    /** The α ≥ 1 rejection sampler. */
    private static double marsagliaTsang(RandomGenerator rng, double alpha) {
        double d = alpha - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
