package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMatchesReference;
import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertNear;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.elbo4j.dist.ContinuousTestSupport.assertSampleMoments;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Laplace: scipy reference values, draws, pathwise gradients and validation. Statistical checks:
 * 5, each with false-failure rate 5.7e-7.
 */
class LaplaceTest {

    @Test
    void matchesScipy() {
        assertMatchesReference("Laplace", p -> Laplace.of(p[0], p[1]), 2e-6, 2e-6);
    }

    @Test
    void sampleMomentsMatch() {
        // 20,000 draws; 3 checks (mean, variance, and E|x − μ| = b).
        double[] x = Laplace.of(-1.0, 2.0).sample(Rng.of(5), 20_000).toDoubleArray();
        assertSampleMoments("Laplace(-1, 2)", x, -1.0, 8.0);
        assertMeanWithinStandardErrors("E|x - mu|", 2.0, ContinuousTestSupport.map(Tensor.vector(x),
                v -> Math.abs(v + 1.0)));
    }

    @Test
    void pathwiseGradientOfSecondMoment() {
        // E[x²] = μ² + 2b²: d/dμ = 2μ, d/db = 4b. 20,000 draws, 2 checks.
        int n = 20_000;
        Tensor loc = Tensor.full(0.7, n).requiresGrad(true);
        Tensor scale = Tensor.full(1.2, n).requiresGrad(true);
        Laplace.of(loc, scale).rsample(Rng.of(6)).square().sum().backward();
        assertMeanWithinStandardErrors("d/dmu E[x^2]", 1.4, loc.grad().toDoubleArray());
        assertMeanWithinStandardErrors("d/db E[x^2]", 4.8, scale.grad().toDoubleArray());
    }

    @Test
    void rsampleGradientMatchesFiniteDifferenceWithTheSameNoise() {
        double[] w = Tensor.randn(Rng.of(2), 5).toDoubleArray();
        Tensor scale = Tensor.scalar(0.9).requiresGrad(true);
        Laplace.of(Tensor.scalar(0.0), scale).rsample(Rng.of(7), 5).mul(Tensor.vector(w)).sum().backward();
        double numeric = ContinuousTestSupport.centralDifference(s -> Laplace.of(0.0, s).sample(Rng.of(7), 5),
                0.9, 1e-2, w);
        assertNear("d/dscale", numeric, scale.grad().item(), 1e-3, 1e-4);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsScale(double scale) {
        assertRejected("Laplace: scale must be finite and > 0, got " + (float) scale, () -> Laplace.of(0.0, scale));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsLoc(double loc) {
        assertRejected("Laplace: loc must be finite, got " + (float) loc, () -> Laplace.of(loc, 1.0));
    }

    @Test
    void rejectsShapesThatDoNotBroadcast() {
        assertRejected("Laplace: loc shape [2, 3] and scale shape [2] do not broadcast",
                () -> Laplace.of(Tensor.zeros(2, 3), Tensor.ones(2)));
    }
}
