package org.elbo4j.dist;

import static org.elbo4j.dist.GammaFamilyTestSupport.assertClose;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertMessage;
import static org.elbo4j.dist.GammaFamilyTestSupport.centralDifference;
import static org.elbo4j.dist.GammaFamilyTestSupport.doubles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Poisson(λ): log-mass against scipy ({@code gen_gamma_family.py}), its λ-derivative, the
 * sampler (inversion below λ = 10, PTRS from 10) against the exact mean, variance, probability
 * of the mode and CDF at the mean, seeding, and one test per rejected input.
 *
 * <p>Statistical checks (z-tests at 5 standard errors, fixed seeds): 7 rates × 4 = 28, so a
 * correct implementation fails this class with probability below 28 × 5.7e-7 = 1.6e-5 for a
 * random seed.
 */
class PoissonTest {

    @Test
    void logProbMatchesScipy() {
        for (double[] r : GammaFamilyTestSupport.table("poisson_logprob")) {
            double got = Poisson.of(r[0]).logProb(Tensor.scalar(r[1])).item();
            assertClose("Poisson(" + r[0] + ").logProb(" + r[1] + ")", r[2], got, 1e-6);
        }
    }

    @Test
    void meanAndVarianceAreTheRate() {
        Poisson p = Poisson.of(Tensor.vector(0.5, 12.0));
        assertArrayEquals(new float[] {0.5f, 12f}, p.mean().data());
        assertArrayEquals(new float[] {0.5f, 12f}, p.variance().data());
        assertArrayEquals(new int[] {2}, p.batchShape());
        assertArrayEquals(new int[] {3, 2}, p.sample(Rng.of(1), 3).shape());
        assertArrayEquals(new int[] {3, 2}, p.logProb(Tensor.zeros(3, 2)).shape());
    }

    @Test
    void logProbIsDifferentiableInTheRate() {
        double rate = 3.7;
        double k = 5;
        Tensor t = Tensor.scalar(rate).requiresGrad(true);
        Poisson.of(t).logProb(Tensor.scalar(k)).backward();
        assertClose("formula k/λ − 1", k / (float) rate - 1, t.grad().item(), 1e-6);
        assertClose("finite difference", centralDifference(v -> Poisson.of(v).logProb(Tensor.scalar(k)).item(),
                rate, 1e-3), t.grad().item(), 1e-3);
    }

    /** Four checks per rate: mean, variance (as E[(k − λ)²]), P(k = mode) and P(k ≤ ⌊λ⌋). */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1.0, 3.7, 9.99, 10.0, 55.5, 1000.0})
    void samplerMatchesMomentsAndMass(double rate) {
        int n = 100_000;
        double[] k = doubles(Poisson.of(rate).sample(Rng.of(14), n).data());
        double lambda = (float) rate;
        assertMeanWithinStandardErrors("mean at λ=" + rate, lambda, k);
        double[] squared = new double[n];
        double mode = Math.floor(lambda);
        double[] atMode = new double[n];
        double[] atMostMode = new double[n];
        for (int i = 0; i < n; i++) {
            assertTrue(k[i] >= 0 && k[i] == Math.rint(k[i]), "draw " + k[i]);
            squared[i] = (k[i] - lambda) * (k[i] - lambda);
            atMode[i] = k[i] == mode ? 1 : 0;
            atMostMode[i] = k[i] <= mode ? 1 : 0;
        }
        assertMeanWithinStandardErrors("variance at λ=" + rate, lambda, squared);
        double pMode = Math.exp(mode * Math.log(lambda) - lambda - LogGamma.value(mode + 1));
        assertMeanWithinStandardErrors("P(k = " + mode + ") at λ=" + rate, pMode, atMode);
        assertMeanWithinStandardErrors("P(k <= " + mode + ") at λ=" + rate,
                RegularizedGamma.Q.value(mode + 1, lambda), atMostMode);
    }

    @Test
    void sampleIsSeeded() {
        Poisson p = Poisson.of(Tensor.vector(2.0, 30.0));
        assertArrayEquals(p.sample(Rng.of(9), 40).data(), p.sample(Rng.of(9), 40).data());
    }

    @Test
    void supportIsTheNonnegativeIntegers() {
        assertEquals(Support.NONNEGATIVE_INTEGER, Poisson.of(1.0).support());
    }

    @Test
    void rejectsZeroRate() {
        assertMessage("Poisson: rate must be finite and > 0, got 0.0", () -> Poisson.of(0.0));
    }

    @Test
    void rejectsNegativeRate() {
        assertMessage("Poisson: rate must be finite and > 0, got -1.0", () -> Poisson.of(-1.0));
    }

    @Test
    void rejectsNaNRate() {
        assertMessage("Poisson: rate must be finite and > 0, got NaN",
                () -> Poisson.of(Tensor.vector(1.0, Double.NaN)));
    }

    @Test
    void rejectsInfiniteRate() {
        assertMessage("Poisson: rate must be finite and > 0, got Infinity", () -> Poisson.of(Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsValueOfIncompatibleShape() {
        assertMessage("Poisson: value of shape [3] does not broadcast with batch shape [2] and event shape []",
                () -> Poisson.of(Tensor.vector(1.0, 2.0)).logProb(Tensor.zeros(3)));
    }

    @Test
    void nonIntegerAndNegativeCountsHaveLogMassMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, Poisson.of(2.0).logProb(Tensor.scalar(1.5)).item());
        assertEquals(Double.NEGATIVE_INFINITY, Poisson.of(2.0).logProb(Tensor.scalar(-1.0)).item());
    }

    @Test
    void rejectsNegativeSampleShape() {
        assertThrows(IllegalArgumentException.class, () -> Poisson.of(1.0).sample(Rng.of(1), 2, -1));
    }
}
