package org.elbo4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LinearTest {

    /** Float32 rounding of a sum of a few products of order-1 values. */
    private static final double FORWARD_TOL = 1e-5;

    @Test
    void forwardMatchesAManualMatrixProduct() {
        Linear layer = Linear.of(4, 3, Rng.of(1));
        Tensor x = Tensor.randn(Rng.of(2), 5, 4);
        Tensor y = layer.forward(x);
        assertArrayEquals(new int[] {5, 3}, y.shape());
        float[] w = layer.weight().data();
        float[] b = layer.bias().data();
        for (int r = 0; r < 5; r++) {
            for (int j = 0; j < 3; j++) {
                double s = b[j];
                for (int k = 0; k < 4; k++) {
                    s += x.get(r, k) * (double) w[k * 3 + j];
                }
                assertEquals(s, y.get(r, j), FORWARD_TOL, "y[" + r + "," + j + "]");
            }
        }
    }

    @Test
    void fusedActivationEqualsTheSeparateOp() {
        Linear layer = Linear.of(6, 5, Rng.of(3));
        Tensor x = Tensor.randn(Rng.of(4), 7, 6);
        for (Activation a : Activation.values()) {
            float[] fused = layer.forward(x, a).data();
            float[] separate = a.apply(layer.forward(x)).data();
            for (int i = 0; i < fused.length; i++) {
                assertEquals(separate[i], fused[i], 1e-6, a + " element " + i);
            }
        }
    }

    @Test
    void acceptsAnyLeadingShape() {
        Linear layer = Linear.of(4, 2, Rng.of(5));
        Tensor x3 = Tensor.randn(Rng.of(6), 2, 3, 4);
        Tensor y3 = layer.forward(x3);
        assertArrayEquals(new int[] {2, 3, 2}, y3.shape());
        Tensor flat = layer.forward(x3.reshape(6, 4));
        assertArrayEquals(flat.data(), y3.data());
        Tensor x1 = Tensor.randn(Rng.of(7), 4);
        assertArrayEquals(new int[] {2}, layer.forward(x1).shape());
        assertArrayEquals(Arrays.copyOf(layer.forward(x1.reshape(1, 4)).data(), 2), layer.forward(x1).data());
    }

    @Test
    void initialisationIsPyTorchsUniformBound() {
        int in = 784;
        Linear layer = Linear.of(in, 400, Rng.of(11));
        double bound = 1.0 / Math.sqrt(in);
        for (Tensor t : List.of(layer.weight(), layer.bias())) {
            double sum = 0;
            double sumSq = 0;
            for (float v : t.data()) {
                assertTrue(Math.abs(v) <= bound * (1 + 1e-7), "value " + v + " outside ±" + bound);
                sum += v;
                sumSq += (double) v * v;
            }
            int n = t.size();
            // U(-b, b): mean 0, variance b²/3. Bounds of 5.5 standard errors: each check fails by
            // chance with probability < 4e-8 (normal approximation; n >= 400).
            double var = bound * bound / 3;
            assertEquals(0.0, sum / n, 5.5 * Math.sqrt(var / n), "mean");
            double varOfSq = bound * bound * bound * bound / 5 - var * var;
            assertEquals(var, sumSq / n, 5.5 * Math.sqrt(varOfSq / n), "mean square");
        }
    }

    @Test
    void initialisationIsDeterministicForASeed() {
        Linear a = Linear.of(20, 10, Rng.of(42));
        Linear b = Linear.of(20, 10, Rng.of(42));
        Linear c = Linear.of(20, 10, Rng.of(43));
        assertArrayEquals(a.weight().data(), b.weight().data());
        assertArrayEquals(a.bias().data(), b.bias().data());
        assertFalse(Arrays.equals(a.weight().data(), c.weight().data()));
        assertTrue(a.weight().requiresGrad() && a.bias().requiresGrad());
    }

    @Test
    void parametersAreNamedWeightAndBias() {
        Linear layer = Linear.of(3, 2, Rng.of(1));
        assertEquals(List.of("weight", "bias"), List.copyOf(layer.parameters().keySet()));
        assertArrayEquals(new int[] {3, 2}, layer.weight().shape());
        assertArrayEquals(new int[] {2}, layer.bias().shape());
    }

    @Test
    void rejectsBadSizesAndShapes() {
        assertEquals("Linear: in and out must be >= 1, got in=0, out=3",
                assertThrows(IllegalArgumentException.class, () -> Linear.of(0, 3, Rng.of(1))).getMessage());
        Linear layer = Linear.of(4, 2, Rng.of(1));
        assertEquals("Linear: input must have shape [..., 4], got [2, 5]",
                assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(2, 5))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linear.of(Tensor.zeros(3, 2), Tensor.zeros(3)));
    }

    @Test
    void ofValuesCopiesTheGivenTensors() {
        Tensor w = Tensor.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor b = Tensor.vector(0.5, -0.5);
        Linear layer = Linear.of(w, b);
        w.data()[0] = 100;
        Tensor y = layer.forward(Tensor.matrix(new double[][] {{1, 1, 1}}));
        assertArrayEquals(new float[] {9.5f, 11.5f}, y.data());
    }
}
