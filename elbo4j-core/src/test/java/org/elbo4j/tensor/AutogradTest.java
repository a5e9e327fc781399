package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Semantics of {@link Autograd}: accumulation across backward calls, zeroGrad, detach, no-grad
 * scopes, tensors used more than once, very deep graphs, and the rejected calls. The gradients
 * here are exact in float32 (products and sums of small integers), so they are compared exactly.
 */
class AutogradTest {

    private static Tensor leaf(float... values) {
        return Tensor.vector(values).requiresGrad(true);
    }

    @Test
    void gradientsAccumulateAcrossTwoBackwardCalls() {
        Tensor x = leaf(1, 2, 3);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        assertArrayEquals(new float[] {2, 4, 6}, x.grad().data());
        loss.backward();
        assertArrayEquals(new float[] {4, 8, 12}, x.grad().data());
    }

    @Test
    void zeroGradResetsTheGradient() {
        Tensor x = leaf(1, 2, 3);
        x.mul(x).sum().backward();
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(3.0).sum().backward();
        assertArrayEquals(new float[] {3, 3, 3}, x.grad().data());
    }

    @Test
    void detachStopsTheGradient() {
        Tensor x = leaf(1, 2, 3);
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        assertNull(d.op());
        assertArrayEquals(x.data(), d.data());
        // d(x·stop(x))/dx = stop(x), not 2x
        x.mul(d).sum().backward();
        assertArrayEquals(new float[] {1, 2, 3}, x.grad().data());
    }

    @Test
    @SuppressWarnings("try")
    void nothingRequiresGradInsideNoGrad() {
        Tensor x = leaf(1, 2, 3);
        Tensor y;
        try (GradMode scope = GradMode.noGrad()) {
            assertFalse(GradMode.isEnabled());
            y = x.mul(x).exp().sum();
            assertFalse(y.requiresGrad());
            assertNull(y.op());
            Tensor z = Tensor.vector(1f).requiresGrad(true).add(1.0);
            assertFalse(z.requiresGrad());
        }
        assertTrue(GradMode.isEnabled());
        assertThrows(IllegalArgumentException.class, y::backward);
        assertNull(x.grad());
    }

    @Test
    @SuppressWarnings("try")
    void enableGradInsideNoGradRecordsAndRestores() {
        Tensor x = leaf(2);
        try (GradMode outer = GradMode.noGrad()) {
            try (GradMode inner = GradMode.enableGrad()) {
                x.mul(x).sum().backward();
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertArrayEquals(new float[] {4}, x.grad().data());
    }

    @Test
    void tensorUsedTwiceGetsBothContributions() {
        Tensor x = leaf(1, -2, 3);
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {2, -4, 6}, x.grad().data());
        x.zeroGrad();
        x.add(x).sum().backward();
        assertArrayEquals(new float[] {2, 2, 2}, x.grad().data());
    }

    @Test
    void diamondGraphSumsBothPaths() {
        // y = 2x; L = Σ (y·y + y) → dL/dx = 2·(2y + 1) = 8x + 2
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(2.0);
        y.mul(y).add(y).sum().backward();
        assertArrayEquals(new float[] {10, 18, 26}, x.grad().data());
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        int depth = 100_000;
        Tensor x = Tensor.scalar(1.0).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < depth; i++) {
            y = i % 2 == 0 ? y.add(1.0) : y.mul(1.0);
        }
        y.backward();
        assertEquals(1.0 + depth / 2, y.item());
        assertEquals(1.0, x.grad().item());
    }

    @Test
    void backwardOfALeafScalarIsOne() {
        Tensor x = Tensor.scalar(5.0).requiresGrad(true);
        x.backward();
        assertEquals(1.0, x.grad().item());
    }

    @Test
    void leafOutsideTheGraphGetsNoGradient() {
        Tensor x = leaf(1, 2);
        Tensor unused = leaf(3, 4);
        x.sum().backward();
        assertNull(unused.grad());
    }

    @Test
    void backwardOfNonScalarIsRejected() {
        Tensor x = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor y = x.exp();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
        assertEquals("backward: only a scalar can be differentiated, got shape [2, 3]", e.getMessage());
    }

    @Test
    void backwardOfTensorWithoutGradIsRejected() {
        Tensor y = Tensor.vector(1f, 2f).sum();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().startsWith("backward: the tensor does not require gradients"), e.getMessage());
    }

    @Test
    void markingANonLeafIsRejected() {
        Tensor y = leaf(1).exp();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.requiresGrad(true));
        assertTrue(e.getMessage().contains("only leaf tensors"), e.getMessage());
    }

    @Test
    void gradientKeepsTheLeafShape() {
        Tensor x = Tensor.ones(2, 1, 3).requiresGrad(true);
        Tensor g = x.expand(4, 2, 5, 3).sum();
        g.backward();
        assertArrayEquals(new int[] {2, 1, 3}, x.grad().shape());
        assertArrayEquals(new float[] {20, 20, 20, 20, 20, 20}, x.grad().data());
    }
}
