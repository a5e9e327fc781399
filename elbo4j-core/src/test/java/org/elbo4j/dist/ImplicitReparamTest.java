package org.elbo4j.dist;

import static org.elbo4j.dist.GammaFamilyTestSupport.assertRelative;
import static org.elbo4j.dist.GammaFamilyTestSupport.gammaQuantile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The implicit reparameterization derivative dz/dα of a standard Gamma draw at a fixed CDF level
 * u (Figurnov et al. 2018), {@link ImplicitGammaGradient}, checked three ways:
 * <ol>
 *   <li>against the 50-digit mpmath table of {@code gen_gamma_family.py} (α ∈ [0.05, 100],
 *       u ∈ [1e-6, 1 − 1e-6], covering both the series and the continued-fraction branch);
 *       measured worst relative error 8e-15, tolerance 1e-12;</li>
 *   <li>against a central difference in α of the inverse CDF z(α, u) at fixed u, the inverse
 *       solved in double by bisection on Commons Numbers' P (or Q in the upper tail) and
 *       differenced in log z — step 1e-5·α, so truncation (~1e-10) and rounding (~1e-15/1e-5)
 *       errors stay below the tolerance 1e-7 — for α from 0.01 to 1e4;</li>
 *   <li>on the draws of {@link Gamma#rsample}: each draw's gradient equals the inverse-CDF
 *       difference at that draw's own level (relative 1e-4, the float32 draws and gradients).</li>
 * </ol>
 * No statistical checks: every assertion here is deterministic.
 */
class ImplicitReparamTest {

    @Test
    void matchesHighPrecisionReferenceOnGrid() {
        for (double[] r : GammaFamilyTestSupport.table("gamma_implicit_gradient")) {
            double got = ImplicitGammaGradient.logDerivative(r[0], r[2]);
            assertRelative("d log z/dα at α=" + r[0] + ", u=" + r[1], r[3], got, 1e-12);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.05, 0.3, 1.0, 2.5, 10.0, 100.0, 1000.0, 10_000.0})
    void matchesFiniteDifferenceOfInverseCdf(double alpha) {
        for (double u : new double[] {1e-3, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999}) {
            boolean upper = u > 0.5;
            double level = upper ? 1 - u : u;
            double z = gammaQuantile(alpha, level, upper);
            assertRelative("d log z/dα at α=" + alpha + ", u=" + u, inverseCdfLogSlope(alpha, level, upper),
                    ImplicitGammaGradient.logDerivative(alpha, Math.log(z)), 1e-7);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 5.0})
    void rsampleGradientsEqualInverseCdfSlopeAtEachDraw(double alpha) {
        int n = 64;
        Tensor concentration = Tensor.full(alpha, n).requiresGrad(true);
        Tensor draws = Gamma.of(concentration, Tensor.scalar(1.0)).rsample(Rng.of(7));
        draws.sum().backward();
        double a = (float) alpha;
        for (int i = 0; i < n; i++) {
            double z = draws.data()[i];
            double p = RegularizedGamma.P.value(a, z);
            boolean upper = p > 0.5;
            double level = upper ? RegularizedGamma.Q.value(a, z) : p;
            assertRelative("draw " + i + " (z=" + z + ")", z * inverseCdfLogSlope(a, level, upper),
                    concentration.grad().data()[i], 1e-4);
        }
    }

    @Test
    void smallDrawsFollowTheLeadingSeriesTerm() {
        double alpha = 0.5;
        double logZ = -460.0;
        double leading = (Digamma.value(alpha) - logZ) / alpha + 1 / (alpha * alpha);
        assertRelative("d log z/dα as z → 0", leading, ImplicitGammaGradient.logDerivative(alpha, logZ), 1e-12);
    }

    @Test
    void underflowedDrawHasZeroDerivative() {
        assertEquals(0.0, ImplicitGammaGradient.derivative(0.01, 0.0));
        assertEquals(Double.POSITIVE_INFINITY, ImplicitGammaGradient.logDerivative(0.01, Double.NEGATIVE_INFINITY));
    }

    @Test
    void derivativeIsPositiveAcrossTheBulk() {
        for (double alpha : new double[] {0.02, 0.7, 3.0, 300.0}) {
            for (double u = 0.01; u < 1; u += 0.07) {
                double z = gammaQuantile(alpha, u, false);
                assertTrue(ImplicitGammaGradient.derivative(alpha, z) > 0, "dz/dα at α=" + alpha + ", u=" + u);
            }
        }
    }

    /**
     * (log z(α(1 + h), u) − log z(α(1 − h), u)) / (2αh) with h = 1e-5, at a fixed lower or upper
     * level: d log z/dα = (dz/dα)/z. Differencing log z rather than z keeps the truncation error
     * at ~h² also where z is tiny and nearly exponential in α (z ≈ (u·Γ(α + 1))^(1/α)).
     */
    private static double inverseCdfLogSlope(double alpha, double level, boolean upper) {
        double h = 1e-5;
        double plus = Math.log(gammaQuantile(alpha * (1 + h), level, upper));
        double minus = Math.log(gammaQuantile(alpha * (1 - h), level, upper));
        return (plus - minus) / (2 * alpha * h);
    }
}
