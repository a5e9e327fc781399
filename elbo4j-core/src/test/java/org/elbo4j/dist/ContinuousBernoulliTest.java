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
 * ContinuousBernoulli: log-density, mean, variance and entropy against mpmath quadrature of the
 * unnormalised density (on both sides of the series/closed-form switch at |ℓ| = 1 and of the
 * inverse-CDF switch at |ℓ| = 0.1), exponential-family identities for the gradients
 * (d log p/dℓ = x − E[x], dE[x]/dℓ = Var[x], dH/dℓ = −ℓ·Var[x]), draws, and validation.
 * Statistical checks: 11, each with false-failure rate 5.7e-7.
 */
class ContinuousBernoulliTest {

    private static final double[] LOGITS = {-30, -3, -1.001, -0.999, -0.3, -0.099, -0.101, 0, 0.05, 0.999, 1.001, 4, 60};

    @Test
    void matchesHighPrecisionQuadrature() {
        assertMatchesReference("ContinuousBernoulli", p -> ContinuousBernoulli.ofLogits(p[0]), 2e-6, 2e-6);
    }

    @Test
    void probsAndLogitsDescribeTheSameDistribution() {
        ContinuousBernoulli a = ContinuousBernoulli.of(0.3);
        ContinuousBernoulli b = ContinuousBernoulli.ofLogits(Math.log(0.3 / 0.7));
        assertEquals(b.logProb(Tensor.scalar(0.6)).item(), a.logProb(Tensor.scalar(0.6)).item(), 1e-6);
        assertEquals(0.3, b.probs().item(), 1e-7);
        assertEquals(Math.log(0.3 / 0.7), a.logits().item(), 1e-6);
    }

    @Test
    void logProbGradientIsValueMinusMean() {
        for (double l : LOGITS) {
            for (double x : new double[] {0.2, 0.9}) {
                Tensor logits = Tensor.scalar(l).requiresGrad(true);
                ContinuousBernoulli d = ContinuousBernoulli.ofLogits(logits);
                d.logProb(Tensor.scalar(x)).backward();
                double mean = ContinuousBernoulli.ofLogits(l).mean().item();
                assertNear("d log p/dl at l=" + l + ", x=" + x, x - mean, logits.grad().item(), 1e-5, 2e-6);
            }
        }
    }

    @Test
    void meanGradientIsVarianceAndEntropyGradientIsMinusLogitTimesVariance() {
        for (double l : LOGITS) {
            double variance = ContinuousBernoulli.ofLogits(l).variance().item();
            Tensor a = Tensor.scalar(l).requiresGrad(true);
            ContinuousBernoulli.ofLogits(a).mean().backward();
            assertNear("dE[x]/dl at " + l, variance, a.grad().item(), 1e-4, 1e-6);
            Tensor b = Tensor.scalar(l).requiresGrad(true);
            ContinuousBernoulli.ofLogits(b).entropy().backward();
            assertNear("dH/dl at " + l, -l * variance, b.grad().item(), 1e-4, 2e-6);
        }
    }

    @Test
    void sampleMomentsOnBothSidesOfTheSeriesSwitch() {
        // 20,000 draws for each of 4 logits; 8 checks.
        double[] logits = {-3, -0.05, 0.5, 20};
        Rng rng = Rng.of(19);
        for (double l : logits) {
            ContinuousBernoulli d = ContinuousBernoulli.ofLogits(l);
            Tensor x = d.sample(rng.child((long) (l * 100)), 20_000);
            assertEquals(20_000.0, Support.UNIT_INTERVAL.check(x).sum().item());
            assertSampleMoments("ContinuousBernoulli(logits=" + l + ")", x.toDoubleArray(), d.mean().item(),
                    d.variance().item());
        }
    }

    @Test
    void pathwiseGradientOfTheMeanIsTheVariance() {
        // d/dl E[x] = Var[x]; 20,000 draws, one logit copy per draw; 3 checks (series branch,
        // closed form, far tail).
        for (double l : new double[] {0.05, 2.0, -40.0}) {
            int n = 20_000;
            Tensor logits = Tensor.full(l, n).requiresGrad(true);
            ContinuousBernoulli.ofLogits(logits).rsample(Rng.of(20)).sum().backward();
            assertMeanWithinStandardErrors("d/dl E[x] at " + l, ContinuousBernoulli.ofLogits(l).variance().item(),
                    logits.grad().toDoubleArray());
        }
    }

    @Test
    void rsampleGradientMatchesFiniteDifferenceWithTheSameNoise() {
        for (double l : new double[] {-3.0, -0.5, 0.03, 0.4, 7.0}) {
            double[] w = Tensor.randn(Rng.of(4), 6).toDoubleArray();
            Tensor logits = Tensor.scalar(l).requiresGrad(true);
            ContinuousBernoulli.ofLogits(logits).rsample(Rng.of(21), 6).mul(Tensor.vector(w)).sum().backward();
            double numeric = ContinuousTestSupport.centralDifference(
                    v -> ContinuousBernoulli.ofLogits(v).sample(Rng.of(21), 6), l, 1e-3, w);
            assertNear("d/dl rsample at " + l, numeric, logits.grad().item(), 5e-3, 5e-4);
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        for (double l : new double[] {-80, 80}) {
            ContinuousBernoulli d = ContinuousBernoulli.ofLogits(l);
            assertTrue(Double.isFinite(d.logProb(Tensor.scalar(0.5)).item()));
            assertTrue(Double.isFinite(d.entropy().item()));
            Tensor x = d.sample(Rng.of(1), 100);
            assertEquals(100.0, Support.UNIT_INTERVAL.check(x).sum().item());
        }
        assertEquals(Double.NEGATIVE_INFINITY, ContinuousBernoulli.of(0.4).logProb(Tensor.scalar(1.5)).item());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsProbs(double p) {
        assertRejected("ContinuousBernoulli: probs must be in (0, 1), got " + (float) p, () -> ContinuousBernoulli.of(p));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsLogits(double l) {
        assertRejected("ContinuousBernoulli: logits must be finite, got " + (float) l,
                () -> ContinuousBernoulli.ofLogits(l));
    }
}
