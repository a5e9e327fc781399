package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FusedOp}: a hand-written two-input kernel {@code out = x³·y} (rows of x times a per-row
 * y) against finite differences, gradient accumulation through {@link InputGradients} with and
 * without other operations on the same inputs, and what joins the graph. Deterministic inputs.
 */
class FusedOpTest {

    /** {@code out[r, c] = x[r, c]³ · y[r]} for x [R, C], y [R]. */
    static Tensor cubeTimesRow(Tensor x, Tensor y) {
        int rows = x.dim(0);
        int cols = x.dim(1);
        float[] xs = x.data();
        float[] ys = y.data();
        float[] out = new float[rows * cols];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs[i] * xs[i] * xs[i] * ys[i / cols];
        }
        return FusedOp.of("cubeTimesRow", out, new int[] {rows, cols}, (g, grads) -> {
            if (grads.required(0)) {
                float[] dx = grads.array(0);
                for (int i = 0; i < out.length; i++) {
                    dx[i] += g[i] * 3 * xs[i] * xs[i] * ys[i / cols];
                }
            }
            if (grads.required(1)) {
                float[] dy = grads.array(1);
                for (int i = 0; i < out.length; i++) {
                    dy[i / cols] += g[i] * xs[i] * xs[i] * xs[i];
                }
            }
        }, x, y);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradientCheck.check("cubeTimesRow", in -> cubeTimesRow(in[0], in[1]),
                GradientCheck.signed(1, 0.2, 1.5, 3, 4), GradientCheck.signed(2, 0.5, 2.0, 3));
    }

    @Test
    void gradientsAddToThoseOfOtherOperations() {
        Tensor x = Tensor.of(new float[] {1, -2, 0.5f, 3}, 2, 2).requiresGrad(true);
        Tensor y = Tensor.of(new float[] {2, -1}, 2).requiresGrad(true);
        // x enters through a built-in op and twice through the fused one: d/dx = 5 + 2·3x²·y
        cubeTimesRow(x, y).add(x.mul(5)).add(cubeTimesRow(x, y)).sum().backward();
        float[] gx = x.grad().data();
        float[] xs = x.data();
        float[] ys = y.data();
        for (int i = 0; i < 4; i++) {
            assertEquals(5 + 6 * xs[i] * xs[i] * ys[i / 2], gx[i], 1e-5, "x " + i);
        }
        assertArrayEquals(new float[] {2 * (1 - 8), 2 * (0.125f + 27)}, y.grad().data(), 1e-5f);
        assertArrayEquals(new int[] {2, 2}, x.grad().shape());
    }

    @Test
    void accumulatingIsFalseOnlyForAGradientCreatedForThisRule() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        List<Boolean> seen = new ArrayList<>();
        FusedOp.Backward probe = (g, grads) -> {
            float[] dx = grads.array(0);
            seen.add(grads.accumulating(0));
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i];
            }
        };
        // first rule to run gets a fresh array (asked after array()), the second adds to it
        Tensor a = FusedOp.of("a", new float[] {1, 2}, new int[] {2}, probe, x);
        Tensor b = FusedOp.of("b", new float[] {1, 2}, new int[] {2}, probe, x);
        a.add(b).sum().backward();
        assertEquals(List.of(false, true), seen);
        assertArrayEquals(new float[] {2, 2}, x.grad().data(), 0f);
        // a gradient left from an earlier backward() is accumulated into
        seen.clear();
        FusedOp.of("c", new float[] {1, 2}, new int[] {2}, probe, x).sum().backward();
        assertEquals(List.of(true), seen);
        assertArrayEquals(new float[] {3, 3}, x.grad().data(), 0f);
    }

    @Test
    void joinsTheGraphOnlyWhenSomeInputNeedsAGradient() {
        float[] values = {1, 8};
        Tensor x = Tensor.of(new float[] {1, 2}, 2, 1);
        Tensor y = Tensor.of(new float[] {1, 1}, 2);
        Tensor plain = cubeTimesRow(x, y);
        assertFalse(plain.requiresGrad());
        assertNull(plain.op());
        x.requiresGrad(true);
        Tensor tracked = FusedOp.of("t", values, new int[] {2}, (g, grads) -> { }, x.reshape(2), y);
        assertTrue(tracked.requiresGrad());
        assertEquals("t", tracked.op());
        assertSame(values, tracked.data(), "the values are handed over, not copied");
        try (GradMode ignored = GradMode.noGrad()) {
            assertFalse(cubeTimesRow(x, y).requiresGrad());
        }
        // y needs no gradient: asking for its array is a mistake in the rule
        Tensor bad = FusedOp.of("bad", new float[] {1, 2}, new int[] {2}, (g, grads) -> grads.array(1), x.reshape(2), y);
        assertThrows(IllegalStateException.class, () -> bad.sum().backward());
    }

    @Test
    void rejectsValuesThatDoNotFillTheShapeAndTooManyInputs() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        assertThrows(IllegalArgumentException.class,
                () -> FusedOp.of("short", new float[3], new int[] {2, 2}, (g, grads) -> { }, x));
        Tensor[] many = new Tensor[InputGradients.MAX_INPUTS + 1];
        java.util.Arrays.fill(many, x);
        assertThrows(IllegalArgumentException.class,
                () -> FusedOp.of("many", new float[1], new int[] {1}, (g, grads) -> { }, many));
    }
}
