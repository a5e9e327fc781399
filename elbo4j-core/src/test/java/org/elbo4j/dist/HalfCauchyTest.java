package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMatchesReference;
import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertNear;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HalfCauchy: scipy reference values (log-density; +∞ mean and variance; entropy), the law of
 * |Cauchy(0, γ)|, the quartiles of draws, pathwise gradients, the double-precision log-density and
 * its derivatives, and validation. Statistical checks: 3 (the fractions of 40,000 draws below
 * γ·tan(π/8), γ and γ·tan(3π/8): ¼, ½, ¾), each with false-failure rate 5.7e-7.
 */
class HalfCauchyTest {

    @Test
    void matchesScipy() {
        assertTrue(assertMatchesReference("HalfCauchy", p -> HalfCauchy.of(p[0]), 2e-6, 2e-6) >= 24);
    }

    @Test
    void densityIsTwiceTheCauchyOnTheHalfLine() {
        Tensor x = Tensor.vector(0.0, 0.5, 2.0, 70.0);
        float[] half = HalfCauchy.of(1.25).logProb(x).data();
        float[] full = Cauchy.of(0.0, 1.25).logProb(x).data();
        for (int i = 0; i < half.length; i++) {
            assertEquals(full[i] + Math.log(2), half[i], 2e-6 * (1 + Math.abs(half[i])));
        }
    }

    @Test
    void quartilesOfDraws() {
        double scale = 2.5;
        double[] x = HalfCauchy.of(scale).sample(Rng.of(43), 40_000).toDoubleArray();
        for (int q = 1; q <= 3; q++) {
            double cut = scale * Math.tan(q * Math.PI / 8);
            assertMeanWithinStandardErrors("P(x <= " + cut + ")", 0.25 * q,
                    ContinuousTestSupport.map(Tensor.vector(x), v -> v <= cut ? 1 : 0));
        }
    }

    @Test
    void rsampleGradientMatchesFiniteDifferenceWithTheSameNoise() {
        double[] w = Tensor.randn(Rng.of(2), 5).toDoubleArray();
        Tensor scale = Tensor.scalar(0.9).requiresGrad(true);
        HalfCauchy.of(scale).rsample(Rng.of(7), 5).mul(Tensor.vector(w)).sum().backward();
        double numeric = ContinuousTestSupport.centralDifference(s -> HalfCauchy.of(s).sample(Rng.of(7), 5),
                0.9, 1e-2, w);
        assertNear("d/dscale", numeric, scale.grad().item(), 1e-3, 1e-4);
    }

    @Test
    void doublePrecisionLogDensityIsTheTensorOne() {
        ScalarLogDensityChecks.check("HalfCauchy(5)", x -> HalfCauchy.of(5.0).logProb(x),
                x -> HalfCauchy.logDensity(x, 5.0), x -> HalfCauchy.logDensityDerivative(x, 5.0),
                x -> HalfCauchy.logDensitySecondDerivative(x, 5.0), 0.001, 0.5, 4.75, 5, 20, 400);
        assertEquals(Double.NEGATIVE_INFINITY, HalfCauchy.logDensity(-0.5, 5.0));
        assertEquals(0.0, HalfCauchy.logDensityDerivative(-0.5, 5.0));
        assertEquals(0.0, HalfCauchy.logDensitySecondDerivative(-0.5, 5.0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsScale(double scale) {
        assertRejected("HalfCauchy: scale must be finite and > 0, got " + (float) scale, () -> HalfCauchy.of(scale));
    }
}
