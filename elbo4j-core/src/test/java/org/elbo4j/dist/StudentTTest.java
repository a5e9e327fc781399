package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMatchesReference;
import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertNear;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.elbo4j.dist.ContinuousTestSupport.assertSampleMoments;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * StudentT: scipy reference values (including the undefined and infinite moments for small ν),
 * draws, pathwise gradients (ν through the implicit Gamma gradient) and validation. Statistical
 * checks: 7, each with false-failure rate 5.7e-7 (ν = 10, so the fourth moments the standard
 * errors need are finite).
 */
class StudentTTest {

    @Test
    void matchesScipy() {
        assertMatchesReference("StudentT", p -> StudentT.of(p[0], p[1], p[2]), 1e-5, 5e-6);
    }

    @Test
    void sampleMomentsMatch() {
        // 40,000 draws; 2 checks, plus the shape of batched draws.
        double[] x = StudentT.of(10.0, 1.0, 2.0).sample(Rng.of(14), 40_000).toDoubleArray();
        assertSampleMoments("StudentT(10, 1, 2)", x, 1.0, 4.0 * 10 / 8);
        assertArrayEquals(new int[] {3, 2}, StudentT.of(Tensor.vector(3.0, 4.0), Tensor.scalar(0.0),
                Tensor.scalar(1.0)).sample(Rng.of(1), 3).shape());
    }

    @Test
    void sampleMedianOfHeavyTailedDrawsIsTheLocation() {
        // ν = 1 (Cauchy) has no mean; P(x < μ) = ½ is checked on the indicator: 20,000 draws, 1 check.
        double[] x = StudentT.of(1.0, -3.0, 1.0).sample(Rng.of(15), 20_000).toDoubleArray();
        assertMeanWithinStandardErrors("P(x < loc)", 0.5, ContinuousTestSupport.map(Tensor.vector(x),
                v -> v < -3.0 ? 1.0 : 0.0));
    }

    @Test
    void pathwiseGradientsOfSecondMoment() {
        // E[x²] = μ² + σ²ν/(ν − 2): d/dν = −2σ²/(ν − 2)², d/dσ = 2σν/(ν − 2), d/dμ = 2μ.
        // 40,000 draws, one parameter copy per draw; 3 checks.
        int n = 40_000;
        double nu = 10;
        double mu = 0.5;
        double sigma = 1.5;
        Tensor df = Tensor.full(nu, n).requiresGrad(true);
        Tensor loc = Tensor.full(mu, n).requiresGrad(true);
        Tensor scale = Tensor.full(sigma, n).requiresGrad(true);
        StudentT.of(df, loc, scale).rsample(Rng.of(16)).square().sum().backward();
        assertMeanWithinStandardErrors("d/dnu", -2 * sigma * sigma / ((nu - 2) * (nu - 2)), df.grad().toDoubleArray());
        assertMeanWithinStandardErrors("d/dsigma", 2 * sigma * nu / (nu - 2), scale.grad().toDoubleArray());
        assertMeanWithinStandardErrors("d/dmu", 2 * mu, loc.grad().toDoubleArray());
    }

    @Test
    void pathwiseGradientInDfNearTheSmallestDfWithFiniteGradientVariance() {
        // ν = 5 (Gamma shape 2.5): d/dν E[x²] = −2/(ν − 2)² = −2/9; the per-draw gradient 2x·dx/dν
        // has a finite variance for ν > 4. 40,000 draws, 1 check.
        int n = 40_000;
        Tensor df = Tensor.full(5.0, n).requiresGrad(true);
        StudentT.of(df, Tensor.scalar(0.0), Tensor.scalar(1.0)).rsample(Rng.of(17)).square().sum().backward();
        assertMeanWithinStandardErrors("d/dnu at nu=5", -2.0 / 9.0, df.grad().toDoubleArray());
    }

    @Test
    void rsampleGradientInLocAndScaleMatchesFiniteDifferenceWithTheSameNoise() {
        double[] w = Tensor.randn(Rng.of(3), 4).toDoubleArray();
        Tensor scale = Tensor.scalar(0.8).requiresGrad(true);
        StudentT.of(Tensor.scalar(4.0), Tensor.scalar(0.0), scale).rsample(Rng.of(18), 4).mul(Tensor.vector(w))
                .sum().backward();
        double numeric = ContinuousTestSupport.centralDifference(
                s -> StudentT.of(4.0, 0.0, s).sample(Rng.of(18), 4), 0.8, 1e-2, w);
        assertNear("d/dscale", numeric, scale.grad().item(), 1e-3, 1e-4);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsDf(double df) {
        assertRejected("StudentT: df must be finite and > 0, got " + (float) df, () -> StudentT.of(df, 0.0, 1.0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsScale(double scale) {
        assertRejected("StudentT: scale must be finite and > 0, got " + (float) scale, () -> StudentT.of(3.0, 0.0, scale));
    }

    @Test
    void rejectsLocAndShapesThatDoNotBroadcast() {
        assertRejected("StudentT: loc must be finite, got NaN", () -> StudentT.of(3.0, Double.NaN, 1.0));
        assertRejected("StudentT: loc shape [3] and scale shape [2] do not broadcast",
                () -> StudentT.of(Tensor.scalar(3.0), Tensor.zeros(3), Tensor.ones(2)));
    }
}
