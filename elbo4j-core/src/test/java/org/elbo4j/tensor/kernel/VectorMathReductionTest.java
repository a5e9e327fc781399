package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Reduce#sum} and {@link Reduce#max} on both paths ({@code simd} = vector kernels on /
 * scalar loops): sums within the stated error bound of the exact (BigDecimal) sum, max exactly
 * {@link Math#max}, NaN and infinities, only the range read, the same bits on every call.
 * Seeded inputs: false-failure rate 0.
 */
class VectorMathReductionTest {

    /** Lengths around the vector widths (8 double lanes × 4 accumulators, 16 float lanes) and the VAE's batch. */
    private static final int[] LENGTHS = {0, 1, 2, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 128 * 784};

    private static void assumePath(boolean simd) {
        assumeTrue(!simd || Simd.available(), "jdk.incubator.vector is not in the boot layer");
    }

    /** The range [off, off + n) of a NaN-filled array holds values of mixed sign and magnitude. */
    private static float[] data(long seed, int off, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[off + n + 5];
        Arrays.fill(a, Float.NaN);
        for (int i = off; i < off + n; i++) {
            a[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-3, 4)));
        }
        return a;
    }

    /** (n − 1)·2^−53·Σ|a|: the bound {@link Reduce#sum} states. */
    private static double sumBound(float[] a, int off, int n) {
        double abs = 0;
        for (int i = off; i < off + n; i++) {
            abs += Math.abs(a[i]);
        }
        return Math.max(n - 1, 0) * 0x1p-53 * abs * (1 + 1e-6);
    }

    private static double exactSum(float[] a, int off, int n) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = off; i < off + n; i++) {
            s = s.add(new BigDecimal(a[i]));
        }
        return s.doubleValue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sumIsWithinTheStatedBoundOfTheExactSumAndReadsOnlyItsRange(boolean simd) {
        assumePath(simd);
        for (int n : LENGTHS) {
            for (int off : new int[] {0, 3}) {
                float[] a = data(1000L + n + off, off, n);
                double found = VectorMathUlps.withSimd(simd, () -> Reduce.sum(a, off, n));
                double exact = exactSum(a, off, n);
                double bound = sumBound(a, off, n) + Math.ulp(exact);
                assertEquals(exact, found, bound, "n = " + n + ", off = " + off);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sumKeepsWhatAFloatAccumulatorWouldLose(boolean simd) {
        assumePath(simd);
        float[] a = new float[1001];
        Arrays.fill(a, 1f);
        a[0] = 1e8f;
        // in float, 1e8 + 1 == 1e8: a float accumulator would return 1e8
        assertEquals(1e8 + 1000, VectorMathUlps.withSimd(simd, () -> Reduce.sum(a, 0, a.length)), 0.0);
        a[0] = 1f;
        a[500] = 1e8f;
        a[1000] = -1e8f;
        // 999 ones survive between +1e8 and −1e8
        assertEquals(999.0, VectorMathUlps.withSimd(simd, () -> Reduce.sum(a, 0, a.length)), 0.0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sumPropagatesNanAndInfinities(boolean simd) {
        assumePath(simd);
        float[] a = new float[100];
        Arrays.fill(a, 0.5f);
        a[70] = Float.POSITIVE_INFINITY;
        assertEquals(Double.POSITIVE_INFINITY, VectorMathUlps.withSimd(simd, () -> Reduce.sum(a, 0, 100)));
        a[3] = Float.NEGATIVE_INFINITY;
        assertTrue(Double.isNaN(VectorMathUlps.withSimd(simd, () -> Reduce.sum(a, 0, 100))));
        a[3] = 0.5f;
        a[70] = 0.5f;
        a[99] = Float.NaN;
        assertTrue(Double.isNaN(VectorMathUlps.withSimd(simd, () -> Reduce.sum(a, 0, 100))));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void maxIsTheMathMaxFoldOnEveryLengthAndOffset(boolean simd) {
        assumePath(simd);
        for (int n : LENGTHS) {
            if (n == 0) {
                continue;
            }
            for (int off : new int[] {0, 3}) {
                float[] a = data(2000L + n + off, off, n);
                float expected = a[off];
                for (int i = off; i < off + n; i++) {
                    expected = Math.max(expected, a[i]);
                }
                assertEquals(expected, (float) VectorMathUlps.withSimd(simd, () -> Reduce.max(a, off, n)),
                        "n = " + n + ", off = " + off);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void maxReturnsNanWhereverItIsAndOrdersPlusZeroAboveMinusZero(boolean simd) {
        assumePath(simd);
        for (int at : new int[] {0, 5, 16, 40, 47}) {
            float[] a = new float[48];
            Arrays.fill(a, -1f);
            a[at] = Float.NaN;
            assertTrue(Float.isNaN(VectorMathUlps.withSimd(simd, () -> Reduce.max(a, 0, 48))), "NaN at " + at);
        }
        float[] zeros = new float[40];
        Arrays.fill(zeros, -0f);
        zeros[33] = 0f;
        assertEquals(0f, (float) VectorMathUlps.withSimd(simd, () -> Reduce.max(zeros, 0, 40)));
        float[] negInf = new float[20];
        Arrays.fill(negInf, Float.NEGATIVE_INFINITY);
        assertEquals(Float.NEGATIVE_INFINITY, (float) VectorMathUlps.withSimd(simd, () -> Reduce.max(negInf, 0, 20)));
    }

    @Test
    void bothPathsGiveTheSameMaxAndRepeatCallsTheSameSum() {
        assumePath(true);
        float[] a = data(77L, 0, 100_003);
        float vectorMax = VectorMathUlps.withSimd(true, () -> Reduce.max(a, 0, 100_003));
        float scalarMax = VectorMathUlps.withSimd(false, () -> Reduce.max(a, 0, 100_003));
        assertEquals(scalarMax, vectorMax);
        for (boolean simd : new boolean[] {true, false}) {
            double first = VectorMathUlps.withSimd(simd, () -> Reduce.sum(a, 0, 100_003));
            for (int rep = 0; rep < 200; rep++) {
                assertEquals(first, VectorMathUlps.withSimd(simd, () -> Reduce.sum(a, 0, 100_003)));
            }
        }
    }

    @Test
    void sumRejectsANegativeOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reduce.sum(new float[4], -1, 2));
        assertTrue(e.getMessage().contains("off=-1"), e.getMessage());
    }

    @Test
    void sumRejectsANegativeLength() {
        assertThrows(IllegalArgumentException.class, () -> Reduce.sum(new float[4], 0, -1));
    }

    @Test
    void sumRejectsARangePastTheEnd() {
        assertThrows(IllegalArgumentException.class, () -> Reduce.sum(new float[4], 3, 2));
    }

    @Test
    void sumOfNothingIsZero() {
        assertEquals(0.0, Reduce.sum(new float[4], 4, 0));
    }

    @Test
    void maxRejectsAnEmptyRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reduce.max(new float[4], 1, 0));
        assertEquals("Reduce.max: n must be >= 1, got 0", e.getMessage());
    }

    @Test
    void maxRejectsARangePastTheEnd() {
        assertThrows(IllegalArgumentException.class, () -> Reduce.max(new float[4], 2, 3));
    }
}
