package org.elbo4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BinarizeTest {

    /**
     * Counts of N Bernoulli(p) draws must lie within Z binomial standard deviations of N·p.
     * With Z = 5.5 one check fails by chance with probability about 4e-8 (normal approximation,
     * N·p·(1−p) >= 900 here); the 7 checks of this class together fail with probability < 1e-6.
     */
    private static final double Z = 5.5;

    private static final int N = 100_000;

    private static void assertBinomial(String what, long count, long n, double p) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertEquals(n * p, count, Z * sd, what);
    }

    @Test
    void drawsHaveTheRightMeanForEveryProbability() {
        double[] probs = {0.01, 0.1, 0.5, 0.9, 0.77};
        for (double p : probs) {
            float[] v = new float[N];
            Arrays.fill(v, (float) p);
            Tensor x = Binarize.bernoulli(Tensor.of(v, N), Rng.of(Double.hashCode(p)));
            long ones = 0;
            for (float b : x.data()) {
                ones += b == 1f ? 1 : 0;
                if (b != 0f && b != 1f) {
                    throw new AssertionError("not binary: " + b);
                }
            }
            assertBinomial("p = " + p, ones, N, (float) p);
        }
    }

    @Test
    void zeroAndOneAreExact() {
        Tensor x = Binarize.bernoulli(Tensor.of(new float[] {0, 1, 0, 1, 1}, 5), Rng.of(1));
        assertArrayEquals(new float[] {0, 1, 0, 1, 1}, x.data());
    }

    @Test
    void neighboursAreIndependent() {
        // the two draws taken from one 64-bit number: P(both 1) = 1/4 for p = 1/2, and
        // P(first 1, second 1) for elements at odd offsets too
        float[] v = new float[2 * N];
        Arrays.fill(v, 0.5f);
        float[] x = Binarize.bernoulli(Tensor.of(v, 2 * N), Rng.of(77)).data();
        long bothEven = 0;
        long bothOdd = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            bothEven += x[i] == 1f && x[i + 1] == 1f ? 1 : 0;
        }
        for (int i = 1; i + 1 < x.length; i += 2) {
            bothOdd += x[i] == 1f && x[i + 1] == 1f ? 1 : 0;
        }
        assertBinomial("pairs within one draw", bothEven, N, 0.25);
        assertBinomial("pairs across draws", bothOdd, N - 1, 0.25);
    }

    @Test
    void dynamicDrawsAreSeededAndFreshPerBatch() {
        Tensor probs = Tensor.full(0.5, 8, 100);
        Tensor a = Binarize.DYNAMIC.batch(probs, Rng.of(3).child(0));
        Tensor b = Binarize.DYNAMIC.batch(probs, Rng.of(3).child(0));
        Tensor c = Binarize.DYNAMIC.batch(probs, Rng.of(3).child(1));
        assertArrayEquals(a.data(), b.data());
        assertFalse(Arrays.equals(a.data(), c.data()));
        assertSame(probs, Binarize.NONE.batch(probs, Rng.of(3)));
        assertSame(probs, Binarize.STATIC.batch(probs, Rng.of(3)));
    }

    @Test
    void staticBinarizesTheDatasetOnce() {
        Dataset data = Dataset.of(Tensor.full(0.3, 50, 20), new int[] {4, 5}, new int[50]);
        Dataset once = Binarize.STATIC.prepare(data, Rng.of(9));
        assertArrayEquals(once.values().data(), Binarize.STATIC.prepare(data, Rng.of(9)).values().data());
        assertArrayEquals(new int[] {4, 5}, once.sampleShape());
        assertSame(data.labels().orElseThrow(), once.labels().orElseThrow());
        for (float v : once.values().data()) {
            if (v != 0f && v != 1f) {
                throw new AssertionError("not binary: " + v);
            }
        }
        assertSame(data, Binarize.DYNAMIC.prepare(data, Rng.of(9)));
        assertSame(data, Binarize.NONE.prepare(data, Rng.of(9)));
    }

    @Test
    void rejectsValuesOutsideTheUnitInterval() {
        assertEquals("Binarize: value 1.5 at index 1 is not a probability in [0, 1]",
                assertThrows(IllegalArgumentException.class,
                        () -> Binarize.bernoulli(Tensor.vector(0.5, 1.5), Rng.of(1))).getMessage());
        assertEquals("Binarize: value NaN at index 0 is not a probability in [0, 1]",
                assertThrows(IllegalArgumentException.class,
                        () -> Binarize.bernoulli(Tensor.vector(Double.NaN), Rng.of(1))).getMessage());
        assertEquals(Binarize.DYNAMIC, Binarize.parse(" Dynamic"));
    }
}
