package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BernoulliTest {

    @Test
    void rejectsProbsOutsideTheUnitInterval() {
        assertEquals("Bernoulli: probs must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> Bernoulli.of(1.5)).getMessage());
        assertEquals("Bernoulli: probs must be in [0, 1], got -0.25",
                assertThrows(IllegalArgumentException.class, () -> Bernoulli.of(-0.25)).getMessage());
        assertEquals("Bernoulli: probs must be in [0, 1], got NaN",
                assertThrows(IllegalArgumentException.class, () -> Bernoulli.of(Double.NaN)).getMessage());
    }

    @Test
    void rejectsNonFiniteLogits() {
        assertEquals("Bernoulli: logits must be finite, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> Bernoulli.ofLogits(Tensor.scalar(Double.POSITIVE_INFINITY))).getMessage());
        assertEquals("Bernoulli: logits must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> Bernoulli.ofLogits(Tensor.scalar(Double.NaN))).getMessage());
    }

    @Test
    void valuesOtherThanZeroAndOneHaveLogMassMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, Bernoulli.of(0.3).logProb(Tensor.scalar(0.5)).item());
        assertEquals(Double.NEGATIVE_INFINITY, Bernoulli.ofLogits(Tensor.scalar(0.2)).logProb(Tensor.scalar(2.0)).item());
        assertEquals(Math.log(0.3), Bernoulli.of(0.3).logProb(Tensor.vector(1.0, -1.0)).data()[0], 1e-6);
    }

    @Test
    void certainOutcomesAreExactAndHaveFiniteGradients() {
        Tensor p = Tensor.vector(0.0, 1.0).requiresGrad(true);
        Bernoulli b = Bernoulli.of(p);
        Tensor certain = b.logProb(Tensor.vector(0.0, 1.0));
        assertArrayEquals(new float[] {0f, 0f}, certain.toFloatArray(), 0f);
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                b.logProb(Tensor.vector(1.0, 0.0)).toFloatArray());
        certain.sum().backward();
        // d/dp of log(1 − p) at p = 0 is −1, of log p at p = 1 is 1
        assertArrayEquals(new float[] {-1f, 1f}, p.grad().toFloatArray());
        assertArrayEquals(new float[] {0f, 0f}, b.entropy().toFloatArray(), 0f);
    }

    @Test
    void extremeLogitsDoNotUnderflow() {
        Bernoulli b = Bernoulli.ofLogits(Tensor.scalar(-100.0));
        assertEquals(-100.0, b.logProb(Tensor.scalar(1.0)).item(), 1e-4);
        assertEquals(0.0, b.logProb(Tensor.scalar(0.0)).item(), 1e-30);
    }

    @Test
    void logitsGradientIsValueMinusProbability() {
        Tensor logits = Tensor.vector(-1.0, 0.5).requiresGrad(true);
        Bernoulli.ofLogits(logits).logProb(Tensor.vector(1.0, 0.0)).sum().backward();
        double s0 = 1 / (1 + Math.exp(1.0));
        double s1 = 1 / (1 + Math.exp(-0.5));
        assertArrayEquals(new float[] {(float) (1 - s0), (float) -s1}, logits.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void probsAndLogitsAgree() {
        double p = 0.3;
        Tensor x = Tensor.vector(0.0, 1.0);
        assertArrayEquals(Bernoulli.of(p).logProb(x).toFloatArray(),
                Bernoulli.ofLogits(Tensor.scalar(Math.log(p / (1 - p)))).logProb(x).toFloatArray(), 1e-6f);
        assertEquals(Bernoulli.of(p).entropy().item(),
                Bernoulli.ofLogits(Tensor.scalar(Math.log(p / (1 - p)))).entropy().item(), 1e-6);
    }

    @Test
    void valuesBroadcastAgainstTheBatch() {
        Bernoulli b = Bernoulli.of(Tensor.vector(0.25, 0.5, 0.75));
        assertArrayEquals(new int[] {3}, b.batchShape());
        assertArrayEquals(new int[] {4, 3}, b.logProb(Tensor.zeros(4, 3)).shape());
        assertArrayEquals(new int[] {5, 2, 3}, b.sample(org.elbo4j.random.Rng.of(1), 5, 2).shape());
    }
}
