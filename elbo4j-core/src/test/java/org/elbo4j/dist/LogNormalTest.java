package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMatchesReference;
import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertNear;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.elbo4j.dist.ContinuousTestSupport.assertSampleMoments;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.dist.transform.ExpBijection;
import org.elbo4j.dist.transform.TransformedDistribution;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LogNormal: scipy reference values, agreement with the Normal pushed through exp, draws,
 * pathwise gradients and validation. Statistical checks: 4, each with false-failure rate 5.7e-7.
 */
class LogNormalTest {

    @Test
    void matchesScipy() {
        assertMatchesReference("LogNormal", p -> LogNormal.of(p[0], p[1]), 2e-6, 2e-6);
    }

    @Test
    void equalsTheTransformedNormal() {
        TransformedDistribution t = TransformedDistribution.of(Normal.of(0.3, 0.8), ExpBijection.of());
        LogNormal d = LogNormal.of(0.3, 0.8);
        Tensor x = Tensor.vector(0.1, 0.7, 1.0, 3.3);
        float[] a = t.logProb(x).data();
        float[] b = d.logProb(x).data();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-6);
        }
        assertEquals(Support.POSITIVE, t.support());
    }

    @Test
    void outsideTheSupportIsMinusInfinityWithFiniteGradients() {
        Tensor loc = Tensor.scalar(0.0).requiresGrad(true);
        Tensor lp = LogNormal.of(loc, Tensor.scalar(1.0)).logProb(Tensor.vector(-1.0, 0.0, 1.0));
        assertEquals(Double.NEGATIVE_INFINITY, lp.data()[0]);
        assertEquals(Double.NEGATIVE_INFINITY, lp.data()[1]);
        lp.slice(0, 2, 3).sum().backward();
        assertEquals(0.0, loc.grad().item(), 1e-7);
    }

    @Test
    void sampleMomentsMatch() {
        // 20,000 draws with σ = 0.4 (finite fourth moment); 2 checks.
        LogNormal d = LogNormal.of(0.2, 0.4);
        double[] x = d.sample(Rng.of(3), 20_000).toDoubleArray();
        assertSampleMoments("LogNormal(0.2, 0.4)", x, d.mean().item(), d.variance().item());
        assertEquals(20_000.0, Support.POSITIVE.check(Tensor.vector(x)).sum().item());
    }

    @Test
    void pathwiseGradientOfTheMean() {
        // E[x] = exp(μ + σ²/2): d/dμ = E[x], d/dσ = σ E[x]. 20,000 draws, 2 checks.
        int n = 20_000;
        Tensor loc = Tensor.full(0.1, n).requiresGrad(true);
        Tensor scale = Tensor.full(0.5, n).requiresGrad(true);
        LogNormal.of(loc, scale).rsample(Rng.of(8)).sum().backward();
        double mean = Math.exp(0.1 + 0.125);
        assertMeanWithinStandardErrors("d/dmu E[x]", mean, loc.grad().toDoubleArray());
        assertMeanWithinStandardErrors("d/dsigma E[x]", 0.5 * mean, scale.grad().toDoubleArray());
    }

    @Test
    void rsampleGradientMatchesFiniteDifferenceWithTheSameNoise() {
        double[] w = Tensor.randn(Rng.of(1), 5).toDoubleArray();
        Tensor scale = Tensor.scalar(0.6).requiresGrad(true);
        LogNormal.of(Tensor.scalar(0.2), scale).rsample(Rng.of(4), 5).mul(Tensor.vector(w)).sum().backward();
        double numeric = ContinuousTestSupport.centralDifference(s -> LogNormal.of(0.2, s).sample(Rng.of(4), 5),
                0.6, 1e-2, w);
        assertNear("d/dscale", numeric, scale.grad().item(), 2e-3, 1e-4);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsScale(double scale) {
        assertRejected("LogNormal: scale must be finite and > 0, got " + (float) scale, () -> LogNormal.of(0.0, scale));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.NEGATIVE_INFINITY})
    void rejectsLoc(double loc) {
        assertRejected("LogNormal: loc must be finite, got " + (float) loc, () -> LogNormal.of(loc, 1.0));
    }

    @Test
    void rejectsShapesThatDoNotBroadcast() {
        assertRejected("LogNormal: loc shape [2] and scale shape [3] do not broadcast",
                () -> LogNormal.of(Tensor.zeros(2), Tensor.ones(3)));
    }
}
