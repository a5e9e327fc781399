package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OneHotCategoricalTest {

    private final OneHotCategorical d = OneHotCategorical.of(Tensor.vector(0.25, 0.5, 0.25));

    @Test
    void rejectsProbsLikeCategorical() {
        assertThrows(IllegalArgumentException.class, () -> OneHotCategorical.of(Tensor.vector(0.5, 0.6)));
    }

    @Test
    void valuesWithTwoOnesOrNoneHaveLogMassMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, d.logProb(Tensor.vector(1, 1, 0)).item());
        assertEquals(Double.NEGATIVE_INFINITY, d.logProb(Tensor.vector(0, 0, 0)).item());
    }

    @Test
    void valuesWithFractionalEntriesHaveLogMassMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, d.logProb(Tensor.vector(0.5, 0.5, 0)).item());
    }

    @Test
    void rejectsValuesOfTheWrongLength() {
        assertEquals("OneHotCategorical: value must have last dimension 3, got shape [2]",
                assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.vector(1, 0))).getMessage());
    }

    @Test
    void logProbIsTheLogOfTheChosenProbability() {
        Tensor x = Tensor.of(new float[] {0, 1, 0, 0, 0, 1}, 2, 3);
        assertArrayEquals(new float[] {(float) Math.log(0.5), (float) Math.log(0.25)}, d.logProb(x).toFloatArray(), 1e-6f);
    }

    @Test
    void drawsAreOneHot() {
        Tensor x = d.sample(Rng.of(2), 100);
        assertArrayEquals(new int[] {100, 3}, x.shape());
        for (float v : Support.ONE_HOT.check(x).toFloatArray()) {
            assertEquals(1f, v);
        }
    }
}
