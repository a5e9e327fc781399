package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMatchesReference;
import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.elbo4j.dist.ContinuousTestSupport.assertSampleMoments;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uniform: scipy reference values, draws, pathwise gradients and validation. Statistical
 * checks: 4, each with false-failure rate 5.7e-7.
 */
class UniformTest {

    @Test
    void matchesScipy() {
        assertMatchesReference("Uniform", p -> Uniform.of(p[0], p[1]), 2e-6, 2e-6);
    }

    @Test
    void outsideTheBoundsIsMinusInfinity() {
        Tensor lp = Uniform.of(0.0, 2.0).logProb(Tensor.vector(-0.1, 0.0, 2.0, 2.1));
        assertEquals(Double.NEGATIVE_INFINITY, lp.data()[0]);
        assertEquals(-Math.log(2), lp.data()[1], 1e-7);
        assertEquals(-Math.log(2), lp.data()[2], 1e-7);
        assertEquals(Double.NEGATIVE_INFINITY, lp.data()[3]);
    }

    @Test
    void sampleMomentsAndSupport() {
        // 20,000 draws; 2 checks.
        Uniform d = Uniform.of(Tensor.scalar(-2.0), Tensor.scalar(3.0));
        Tensor x = d.sample(Rng.of(9), 20_000);
        assertSampleMoments("Uniform(-2, 3)", x.toDoubleArray(), 0.5, 25.0 / 12);
        assertEquals(20_000.0, d.support().check(x).sum().item());
    }

    @Test
    void pathwiseGradientOfSecondMoment() {
        // E[x²] = (l² + lh + h²)/3: d/dl = (2l + h)/3, d/dh = (l + 2h)/3. 20,000 draws, 2 checks.
        int n = 20_000;
        Tensor low = Tensor.full(-1.0, n).requiresGrad(true);
        Tensor high = Tensor.full(2.0, n).requiresGrad(true);
        Uniform.of(low, high).rsample(Rng.of(10)).square().sum().backward();
        assertMeanWithinStandardErrors("d/dlow", 0.0, low.grad().toDoubleArray());
        assertMeanWithinStandardErrors("d/dhigh", 1.0, high.grad().toDoubleArray());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0})
    void rejectsHighNotAboveLow(double high) {
        assertRejected("Uniform: low must be < high, got low=0.0, high=" + (float) high, () -> Uniform.of(0.0, high));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NEGATIVE_INFINITY, Double.NaN})
    void rejectsLow(double low) {
        assertRejected("Uniform: low must be finite, got " + (float) low, () -> Uniform.of(low, 1.0));
    }

    @Test
    void rejectsInfiniteHighAndShapesThatDoNotBroadcast() {
        assertRejected("Uniform: high must be finite, got Infinity", () -> Uniform.of(0.0, Double.POSITIVE_INFINITY));
        assertRejected("Uniform: high must be finite, got NaN", () -> Uniform.of(0.0, Double.NaN));
        assertRejected("Uniform: low shape [2] and high shape [3] do not broadcast",
                () -> Uniform.of(Tensor.zeros(2), Tensor.ones(3)));
    }
}
