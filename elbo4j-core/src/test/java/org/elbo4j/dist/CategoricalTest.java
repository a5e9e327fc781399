package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CategoricalTest {

    @Test
    void rejectsNegativeProbs() {
        assertEquals("Categorical: probs must be in [0, 1], got -0.5", assertThrows(IllegalArgumentException.class,
                () -> Categorical.of(-0.5, 1.5)).getMessage());
    }

    @Test
    void rejectsProbsAboveOne() {
        assertEquals("Categorical: probs must be in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> Categorical.of(1.5, 0.0)).getMessage());
    }

    @Test
    void rejectsProbsThatDoNotSumToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Categorical.of(0.5, 0.6));
        assertTrue(e.getMessage().startsWith("Categorical: probs must sum to 1 along the last dimension, got a row"
                + " summing to 1.1"), e.getMessage());
    }

    @Test
    void rejectsParametersWithoutACategoryAxis() {
        assertEquals("Categorical: probs must have at least one category along the last dimension, got shape []",
                assertThrows(IllegalArgumentException.class, () -> Categorical.of(Tensor.scalar(1.0))).getMessage());
    }

    @Test
    void rejectsNonFiniteLogits() {
        assertEquals("Categorical: logits must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> Categorical.ofLogits(Tensor.vector(0.0, Double.NaN))).getMessage());
    }

    @Test
    void valuesThatAreNotLabelsHaveLogMassMinusInfinity() {
        Categorical c = Categorical.of(0.25, 0.75);
        assertEquals(Double.NEGATIVE_INFINITY, c.logProb(Tensor.scalar(2.0)).item());
        assertEquals(Double.NEGATIVE_INFINITY, c.logProb(Tensor.scalar(0.5)).item());
        assertEquals(Double.NEGATIVE_INFINITY, c.logProb(Tensor.scalar(-1.0)).item());
        assertEquals(Math.log(0.75), c.logProb(Tensor.vector(2.0, 1.0)).data()[1], 1e-6);
    }

    @Test
    void batchedLogProbPicksEachRowsProbability() {
        Categorical c = Categorical.of(Tensor.of(new float[] {0.5f, 0.25f, 0.25f, 0.125f, 0.125f, 0.75f}, 2, 3));
        Tensor lp = c.logProb(Tensor.of(new float[] {0, 2, 1, 1, 2, 0}, 3, 2));
        assertArrayEquals(new int[] {3, 2}, lp.shape());
        float[] expected = {(float) Math.log(0.5), (float) Math.log(0.75), (float) Math.log(0.25),
            (float) Math.log(0.125), (float) Math.log(0.25), (float) Math.log(0.125)};
        assertArrayEquals(expected, lp.toFloatArray(), 1e-6f);
    }

    @Test
    void logitsAreNormalised() {
        Categorical c = Categorical.ofLogits(Tensor.vector(1.0, 2.0, 3.0));
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(2) / z, c.probs().get(1), 1e-6);
        assertEquals(2.0 - Math.log(z), c.logProb(Tensor.scalar(1.0)).item(), 1e-6);
    }

    @Test
    void zeroProbabilitiesGiveMinusInfinityAndNoNaNGradient() {
        Tensor p = Tensor.vector(0.5, 0.0, 0.5).requiresGrad(true);
        Categorical c = Categorical.of(p);
        assertEquals(Double.NEGATIVE_INFINITY, c.logProb(Tensor.scalar(1.0)).item());
        c.logProb(Tensor.scalar(0.0)).add(c.entropy()).backward();
        for (float g : p.grad().toFloatArray()) {
            assertTrue(!Float.isNaN(g), "gradient " + java.util.Arrays.toString(p.grad().toFloatArray()));
        }
        assertEquals(Math.log(2), c.entropy().item(), 1e-6);
    }

    @Test
    void drawsAreLabelsWithTheRightShape() {
        Categorical c = Categorical.of(Tensor.of(new float[] {1, 0, 0, 0, 0, 1}, 2, 3));
        Tensor x = c.sample(Rng.of(1), 4);
        assertArrayEquals(new int[] {4, 2}, x.shape());
        for (int i = 0; i < 4; i++) {
            assertEquals(0.0, x.get(i, 0));
            assertEquals(2.0, x.get(i, 1));
        }
    }
}
