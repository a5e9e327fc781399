package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Forward values against hand-computed numbers. Elementwise results are compared within
 * {@link #ULPS} float32 units in the last place of the exact value (the engine computes in double
 * and rounds once, so 1 ulp would do; 2 leave room for the library functions' own error).
 */
class ForwardValuesTest {

    /** Allowed error of an elementwise float32 result, in units in the last place. */
    private static final int ULPS = 2;

    private static final double EULER_GAMMA = 0.5772156649015329;

    private static void assertCloseInUlps(double expected, double actual, String what) {
        assertEquals(expected, actual, ULPS * Math.ulp((float) expected), what);
    }

    @Test
    void lgammaAtHalfIsLogSqrtPi() {
        assertCloseInUlps(Math.log(Math.sqrt(Math.PI)), Tensor.vector(0.5f).lgamma().item(), "lgamma(0.5)");
        assertCloseInUlps(Math.log(362880.0), Tensor.vector(10f).lgamma().item(), "lgamma(10) = log 9!");
        assertEquals(0.0, Tensor.vector(1f).lgamma().item(), 1e-7, "lgamma(1)");
    }

    @Test
    void digammaAtOneIsMinusEulerGamma() {
        assertCloseInUlps(-EULER_GAMMA, Tensor.vector(1f).digamma().item(), "digamma(1)");
        assertCloseInUlps(-EULER_GAMMA - 2 * Math.log(2), Tensor.vector(0.5f).digamma().item(), "digamma(0.5)");
    }

    @Test
    void logisticFamilyAtZero() {
        assertCloseInUlps(Math.log(2), Tensor.vector(0f).softplus().item(), "softplus(0)");
        assertCloseInUlps(-Math.log(2), Tensor.vector(0f).logSigmoid().item(), "logSigmoid(0)");
        assertEquals(0.5, Tensor.vector(0f).sigmoid().item(), "sigmoid(0)");
        assertCloseInUlps(1 / (1 + Math.exp(-2)), Tensor.vector(2f).sigmoid().item(), "sigmoid(2)");
    }

    @Test
    void logSumExpIsStableForLargeEqualLogits() {
        assertCloseInUlps(1000 + Math.log(2), Tensor.vector(1000f, 1000f).logSumExp(0, false).item(), "lse(1000, 1000)");
        assertCloseInUlps(-1000 + Math.log(2), Tensor.vector(-1000f, -1000f).logSumExp(0, false).item(), "lse(-1000, -1000)");
    }

    @Test
    void softmaxOfOneTwoThree() {
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        float[] p = Reductions.softmax(Tensor.vector(1f, 2f, 3f), 0).data();
        // exp of a float32 log-probability: a few ulps more than one rounding
        assertArrayEquals(new float[] {(float) (Math.exp(1) / z), (float) (Math.exp(2) / z), (float) (Math.exp(3) / z)}, p, 1e-6f);
    }

    /** 10⁶ · 0.1f summed in float32 drifts by about 1%; the double accumulator keeps it to 1e-6. */
    @Test
    void millionTenthsSumAccurately() {
        int n = 1_000_000;
        float[] tenths = new float[n];
        Arrays.fill(tenths, 0.1f);
        Tensor x = Tensor.of(tenths, n);
        assertEquals(1e5, x.sum().item(), 1e-6 * 1e5, "sum");
        assertEquals(0.1, x.mean().item(), 1e-6 * 0.1, "mean");
        Tensor rows = x.reshape(2, n / 2).sum(1, false);
        assertEquals(5e4, rows.data()[0], 1e-6 * 5e4, "sum along the last axis");
        Tensor columns = x.reshape(n / 2, 2).sum(0, false);
        assertEquals(5e4, columns.data()[1], 1e-6 * 5e4, "sum along the first axis");
    }

    @Test
    void matmulOfSmallIntegerMatrices() {
        Tensor a = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.matrix(new double[][] {{7, 8}, {9, 10}, {11, 12}});
        Tensor c = a.matmul(b);
        assertArrayEquals(new int[] {2, 2}, c.shape());
        assertArrayEquals(new float[] {58, 64, 139, 154}, c.data());
        assertArrayEquals(new float[] {58, 139, 64, 154}, LinAlg.matmul(b, a, true, true).data());
    }

    @Test
    void broadcastingArithmetic() {
        Tensor col = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor row = Tensor.of(new float[] {10, 20}, 1, 2);
        assertArrayEquals(new float[] {11, 21, 12, 22, 13, 23}, Arith.add(col, row).data());
        assertArrayEquals(new float[] {-9, -19, -8, -18, -7, -17}, Arith.sub(col, row).data());
        Tensor cube = Tensor.arange(12).reshape(2, 3, 2);
        assertArrayEquals(new float[] {-1, 0, 0, 1, 1, 2, 5, 6, 6, 7, 7, 8}, Arith.sub(cube, col).data());
    }

    @Test
    void shapingMovesTheRightElements() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor p = x.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        assertEquals(x.get(1, 2, 3), p.get(3, 1, 2));
        assertEquals(x.get(0, 1, 2), p.get(2, 0, 1));
        assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}, x.slice(2, 1, 3).data());
        assertArrayEquals(new float[] {8, 9, 10, 11, 20, 21, 22, 23}, x.indexSelect(1, new int[] {2}).data());
    }
}
