package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMatchesReference;
import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertNear;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.elbo4j.dist.ContinuousTestSupport.assertSampleMoments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HalfNormal: scipy reference values, the law of |N(0, σ²)|, draws, pathwise gradients, the
 * double-precision log-density and its derivatives, and validation. Statistical checks: 4, each
 * with false-failure rate 5.7e-7.
 */
class HalfNormalTest {

    @Test
    void matchesScipy() {
        assertTrue(assertMatchesReference("HalfNormal", p -> HalfNormal.of(p[0]), 2e-6, 2e-6) >= 24);
    }

    @Test
    void densityIsTwiceTheNormalOnTheHalfLine() {
        Tensor x = Tensor.vector(0.0, 0.5, 2.0, 7.0);
        float[] half = HalfNormal.of(1.25).logProb(x).data();
        float[] normal = Normal.of(0.0, 1.25).logProb(x).data();
        for (int i = 0; i < half.length; i++) {
            assertEquals(normal[i] + Math.log(2), half[i], 2e-6 * (1 + Math.abs(half[i])));
        }
    }

    @Test
    void sampleMomentsMatch() {
        // 20,000 draws; 3 checks (mean, variance, and E[x²] = σ²).
        double sigma = 1.75;
        double[] x = HalfNormal.of(sigma).sample(Rng.of(5), 20_000).toDoubleArray();
        assertSampleMoments("HalfNormal(1.75)", x, sigma * Math.sqrt(2 / Math.PI), sigma * sigma * (1 - 2 / Math.PI));
        assertMeanWithinStandardErrors("E[x^2]", sigma * sigma, ContinuousTestSupport.map(Tensor.vector(x), v -> v * v));
    }

    @Test
    void pathwiseGradientOfTheMean() {
        // E[x] = σ√(2/π): d/dσ = √(2/π). 20,000 draws, 1 check.
        int n = 20_000;
        Tensor scale = Tensor.full(0.8, n).requiresGrad(true);
        HalfNormal.of(scale).rsample(Rng.of(6)).sum().backward();
        assertMeanWithinStandardErrors("d/dsigma E[x]", Math.sqrt(2 / Math.PI), scale.grad().toDoubleArray());
    }

    @Test
    void rsampleGradientMatchesFiniteDifferenceWithTheSameNoise() {
        double[] w = Tensor.randn(Rng.of(2), 5).toDoubleArray();
        Tensor scale = Tensor.scalar(0.9).requiresGrad(true);
        HalfNormal.of(scale).rsample(Rng.of(7), 5).mul(Tensor.vector(w)).sum().backward();
        double numeric = ContinuousTestSupport.centralDifference(s -> HalfNormal.of(s).sample(Rng.of(7), 5),
                0.9, 1e-2, w);
        assertNear("d/dscale", numeric, scale.grad().item(), 1e-3, 1e-4);
    }

    @Test
    void doublePrecisionLogDensityIsTheTensorOne() {
        ScalarLogDensityChecks.check("HalfNormal(0.75)", x -> HalfNormal.of(0.75).logProb(x),
                x -> HalfNormal.logDensity(x, 0.75), x -> HalfNormal.logDensityDerivative(x, 0.75),
                x -> HalfNormal.logDensitySecondDerivative(x, 0.75), 0.001, 0.5, 1, 3.5);
        assertEquals(Double.NEGATIVE_INFINITY, HalfNormal.logDensity(-0.5, 0.75));
        assertEquals(0.0, HalfNormal.logDensityDerivative(-0.5, 0.75));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsScale(double scale) {
        assertRejected("HalfNormal: scale must be finite and > 0, got " + (float) scale, () -> HalfNormal.of(scale));
    }
}
