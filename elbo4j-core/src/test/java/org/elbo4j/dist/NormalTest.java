package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMatchesReference;
import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertNear;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.elbo4j.dist.ContinuousTestSupport.assertSampleMoments;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Normal: reference values from scipy, draws, pathwise gradients and validation. Statistical
 * checks: 4 (sample moments 2, pathwise gradients 2), each with false-failure rate 5.7e-7.
 */
class NormalTest {

    @Test
    void matchesScipy() {
        assertMatchesReference("Normal", p -> Normal.of(p[0], p[1]), 2e-6, 2e-6);
    }

    @Test
    void doublePrecisionLogDensityIsTheTensorOne() {
        ScalarLogDensityChecks.check("Normal(-0.5, 2.5)", x -> Normal.of(-0.5, 2.5).logProb(x),
                x -> Normal.logDensity(x, -0.5, 2.5), x -> Normal.logDensityDerivative(x, -0.5, 2.5),
                x -> Normal.logDensitySecondDerivative(x, -0.5, 2.5), -7, -0.5, 0, 1.25, 9);
    }

    @Test
    void shapesBroadcastAndSampleShapeComesFirst() {
        Normal d = Normal.of(Tensor.vector(0.0, 1.0, 2.0), Tensor.scalar(2.0));
        assertArrayEquals(new int[] {3}, d.batchShape());
        assertArrayEquals(new int[0], d.eventShape());
        assertArrayEquals(new int[] {5, 4, 3}, d.sample(Rng.of(1), 5, 4).shape());
        assertArrayEquals(new int[] {2, 3}, d.logProb(Tensor.zeros(2, 3)).shape());
        assertArrayEquals(new int[] {3}, d.entropy().shape());
        assertArrayEquals(new int[] {3}, d.scale().shape());
    }

    @Test
    void sampleMomentsMatch() {
        // 20,000 draws; 2 checks at 5 standard errors.
        double[] x = Normal.of(1.5, 0.7).sample(Rng.of(11), 20_000).toDoubleArray();
        assertSampleMoments("Normal(1.5, 0.7)", x, 1.5, 0.49);
    }

    @Test
    void drawsAreNotDifferentiableButRsamplesAre() {
        Tensor loc = Tensor.scalar(0.5).requiresGrad(true);
        Normal d = Normal.of(loc, Tensor.scalar(1.0));
        assertEquals(false, d.sample(Rng.of(3), 4).requiresGrad());
        assertEquals(true, d.rsample(Rng.of(3), 4).requiresGrad());
    }

    @Test
    void pathwiseGradientOfSecondMomentMatchesAnalytic() {
        // One parameter copy per draw gives per-draw gradients: d/dμ x² = 2x, d/dσ x² = 2xε.
        // E[x²] = μ² + σ², so d/dμ = 2μ and d/dσ = 2σ. 20,000 draws, 2 checks.
        int n = 20_000;
        double mu = 0.8;
        double sigma = 1.3;
        Tensor loc = Tensor.full(mu, n).requiresGrad(true);
        Tensor scale = Tensor.full(sigma, n).requiresGrad(true);
        Normal.of(loc, scale).rsample(Rng.of(5)).square().sum().backward();
        assertMeanWithinStandardErrors("d/dmu E[x^2]", 2 * mu, loc.grad().toDoubleArray());
        assertMeanWithinStandardErrors("d/dsigma E[x^2]", 2 * sigma, scale.grad().toDoubleArray());
    }

    @Test
    void rsampleGradientMatchesFiniteDifferenceWithTheSameNoise() {
        double[] w = Tensor.randn(Rng.of(9), 6).toDoubleArray();
        Tensor loc = Tensor.scalar(0.3).requiresGrad(true);
        Tensor scale = Tensor.scalar(1.7).requiresGrad(true);
        Normal.of(loc, scale).rsample(Rng.of(21), 6).mul(Tensor.vector(w)).sum().backward();
        double numericLoc = ContinuousTestSupport.centralDifference(
                m -> Normal.of(m, 1.7).sample(Rng.of(21), 6), 0.3, 1e-2, w);
        double numericScale = ContinuousTestSupport.centralDifference(
                s -> Normal.of(0.3, s).sample(Rng.of(21), 6), 1.7, 1e-2, w);
        assertNear("d/dloc", numericLoc, loc.grad().item(), 1e-3, 1e-4);
        assertNear("d/dscale", numericScale, scale.grad().item(), 1e-3, 1e-4);
    }

    @Test
    void logProbGradientMatchesAnalytic() {
        // d/dμ log p = (x − μ)/σ², d/dσ log p = (x − μ)²/σ³ − 1/σ at x = 2, μ = 0.5, σ = 1.5.
        Tensor loc = Tensor.scalar(0.5).requiresGrad(true);
        Tensor scale = Tensor.scalar(1.5).requiresGrad(true);
        Normal.of(loc, scale).logProb(Tensor.scalar(2.0)).backward();
        assertNear("d/dloc", 1.5 / 2.25, loc.grad().item(), 1e-6, 1e-7);
        assertNear("d/dscale", 2.25 / 3.375 - 1 / 1.5, scale.grad().item(), 1e-6, 1e-7);
    }

    @Test
    void drawsLandInTheSupport() {
        Tensor x = Normal.of(0.0, 100.0).sample(Rng.of(2), 1000);
        assertEquals(1000.0, Support.REAL.check(x).sum().item());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsScale(double scale) {
        assertRejected("Normal: scale must be finite and > 0, got " + (float) scale, () -> Normal.of(0.0, scale));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsLoc(double loc) {
        assertRejected("Normal: loc must be finite, got " + (float) loc, () -> Normal.of(loc, 1.0));
    }

    @Test
    void rejectsEveryElementNotOnlyTheFirst() {
        assertRejected("Normal: scale must be finite and > 0, got -2.0",
                () -> Normal.of(Tensor.zeros(3), Tensor.vector(1.0, 1.0, -2.0)));
    }

    @Test
    void rejectsShapesThatDoNotBroadcast() {
        assertRejected("Normal: loc shape [3] and scale shape [2] do not broadcast",
                () -> Normal.of(Tensor.zeros(3), Tensor.ones(2)));
    }
}
