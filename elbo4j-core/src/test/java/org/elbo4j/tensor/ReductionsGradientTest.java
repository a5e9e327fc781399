package org.elbo4j.tensor;

import static org.elbo4j.tensor.GradientCheck.check;
import static org.elbo4j.tensor.GradientCheck.distinct;
import static org.elbo4j.tensor.GradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks of {@link Reductions}: sum and mean over everything and per
 * axis with and without the kept dimension, max (inputs without ties), logSumExp, logSoftmax and
 * softmax (non-constant weights, so the zero gradient of Σ softmax cannot pass by accident).
 */
class ReductionsGradientTest {

    @Test
    void sumAll() {
        check("sum", in -> Reductions.sum(in[0]), uniform(201, -2, 2, 2, 3, 4));
    }

    @Test
    void meanAll() {
        check("mean", in -> Reductions.mean(in[0]), uniform(202, -2, 2, 2, 3, 4));
    }

    @Test
    void sumPerAxis() {
        for (int axis = -3; axis < 3; axis++) {
            for (boolean keepDim : new boolean[] {false, true}) {
                int a = axis;
                check("sum(axis " + a + ", keepDim " + keepDim + ")",
                        in -> Reductions.sum(in[0], a, keepDim), uniform(203, -2, 2, 2, 3, 4));
            }
        }
    }

    @Test
    void meanPerAxis() {
        for (int axis = 0; axis < 3; axis++) {
            for (boolean keepDim : new boolean[] {false, true}) {
                int a = axis;
                check("mean(axis " + a + ", keepDim " + keepDim + ")",
                        in -> Reductions.mean(in[0], a, keepDim), uniform(204, -2, 2, 2, 3, 4));
            }
        }
    }

    @Test
    void maxPerAxis() {
        for (int axis = 0; axis < 3; axis++) {
            for (boolean keepDim : new boolean[] {false, true}) {
                int a = axis;
                check("max(axis " + a + ", keepDim " + keepDim + ")",
                        in -> Reductions.max(in[0], a, keepDim), distinct(205, 0.2, -2.3, 2, 3, 4));
            }
        }
    }

    @Test
    void logSumExpPerAxis() {
        for (int axis = 0; axis < 3; axis++) {
            for (boolean keepDim : new boolean[] {false, true}) {
                int a = axis;
                check("logSumExp(axis " + a + ", keepDim " + keepDim + ")",
                        in -> Reductions.logSumExp(in[0], a, keepDim), uniform(206, -3, 3, 2, 3, 4));
            }
        }
    }

    /**
     * d logSumExp / dx = softmax(x), also where exp(x) overflows even in double: logits near 1000
     * against the softmax computed in double from the same float32 values shifted back by 1000
     * (exact). Tolerance 1e-4: the float32 rounding of logSumExp near 1000 (ulp 6e-5) enters the
     * weights exp(x − lse).
     */
    @Test
    void logSumExpGradientAtHugeLogitsIsSoftmax() {
        Tensor x = Arith.add(uniform(207, -2, 2, 3, 4), Tensor.scalar(1000)).requiresGrad(true);
        Reductions.logSumExp(x, 1, false).sum().backward();
        float[] v = x.data();
        float[] g = x.grad().data();
        for (int row = 0; row < 3; row++) {
            double z = 0;
            for (int j = 0; j < 4; j++) {
                z += Math.exp(v[row * 4 + j] - 1000.0);
            }
            for (int j = 0; j < 4; j++) {
                double softmax = Math.exp(v[row * 4 + j] - 1000.0) / z;
                assertEquals(softmax, g[row * 4 + j], 1e-4 * softmax, "row " + row + " column " + j);
            }
        }
    }

    @Test
    void logSoftmax() {
        check("logSoftmax(axis -1)", in -> Reductions.logSoftmax(in[0], -1), uniform(208, -3, 3, 3, 4));
        check("logSoftmax(axis 0)", in -> Reductions.logSoftmax(in[0], 0), uniform(209, -3, 3, 3, 4));
    }

    @Test
    void softmax() {
        check("softmax(axis -1)", in -> Reductions.softmax(in[0], -1), uniform(210, -3, 3, 3, 4));
        check("softmax(axis 1) of rank 3", in -> Reductions.softmax(in[0], 1), uniform(211, -3, 3, 2, 3, 4));
    }

    @Test
    void tensorShorthands() {
        check("x.sum(1, true).mean()", in -> in[0].sum(1, true).mean(), uniform(212, -2, 2, 3, 4));
        check("x.logSumExp(0, false).sum()", in -> in[0].logSumExp(0, false).sum(), uniform(213, -2, 2, 3, 4));
    }
}
