package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMatchesReference;
import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
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
 * Exponential: scipy reference values, draws, pathwise gradient and validation. Statistical
 * checks: 3, each with false-failure rate 5.7e-7.
 */
class ExponentialTest {

    @Test
    void matchesScipy() {
        assertMatchesReference("Exponential", p -> Exponential.of(p[0]), 2e-6, 2e-6);
    }

    @Test
    void negativeValuesHaveZeroDensity() {
        assertEquals(Double.NEGATIVE_INFINITY, Exponential.of(2.0).logProb(Tensor.scalar(-0.5)).item());
    }

    @Test
    void sampleMomentsShapesAndSupport() {
        // 10,000 draws of each of 2 rates; 2 checks on the first.
        Exponential d = Exponential.of(Tensor.vector(0.5, 4.0));
        Tensor x = d.sample(Rng.of(12), 10_000);
        assertArrayEquals(new int[] {10_000, 2}, x.shape());
        double[] first = x.slice(1, 0, 1).toDoubleArray();
        assertSampleMoments("Exponential(0.5)", first, 2.0, 4.0);
        assertEquals(20_000.0, Support.NONNEGATIVE.check(x).sum().item());
    }

    @Test
    void pathwiseGradientOfSecondMoment() {
        // E[x²] = 2/λ²: d/dλ = −4/λ³. 20,000 draws, 1 check.
        int n = 20_000;
        Tensor rate = Tensor.full(1.5, n).requiresGrad(true);
        Exponential.of(rate).rsample(Rng.of(13)).square().sum().backward();
        assertMeanWithinStandardErrors("d/drate E[x^2]", -4 / 3.375, rate.grad().toDoubleArray());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsRate(double rate) {
        assertRejected("Exponential: rate must be finite and > 0, got " + (float) rate, () -> Exponential.of(rate));
    }
}
