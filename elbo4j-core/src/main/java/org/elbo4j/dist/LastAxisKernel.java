package org.elbo4j.dist;

import org.elbo4j.tensor.CustomOp;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * A function of the last axis of several broadcast tensors, one scalar per row, evaluated in
 * double precision by a kernel that returns the value and fills its partial derivatives (the
 * row-wise sibling of {@link ElementwiseKernel}; used for the Dirichlet log-density and entropy).
 *
 * <p>The inputs are broadcast to {@code outShape ++ [K]}; the output has shape
 * {@code outShape}. The backward rule multiplies each row of partials by the row's dL/d(output)
 * (zero where that is zero); the broadcast is summed back by the tensor engine.
 */
final class LastAxisKernel {

    /**
     * value = f(rows), where rows[i] is input i's row of K values; writes ∂f/∂rows[i][j] into
     * partials[i][j]. {@code partials} is null when no gradient is recorded.
     */
    @FunctionalInterface
    interface Kernel {
        double apply(double[][] rows, double[][] partials);
    }

    private LastAxisKernel() {
    }

    /** f applied to each row of the inputs broadcast to {@code outShape ++ [k]}. */
    static Tensor apply(String name, int[] outShape, int k, Kernel kernel, Tensor... inputs) {
        int n = inputs.length;
        int[] full = DrawShapes.prepend(outShape, new int[] {k});
        float[][] values = new float[n][];
        boolean[] tracked = new boolean[n];
        boolean anyTracked = false;
        for (int i = 0; i < n; i++) {
            values[i] = GammaFamilyParameters.broadcastValues(inputs[i], full);
            tracked[i] = GradMode.isEnabled() && inputs[i].requiresGrad();
            anyTracked |= tracked[i];
        }
        int rows = Shape.size(outShape);
        float[] out = new float[rows];
        float[][] partials = new float[n][];
        for (int i = 0; i < n; i++) {
            partials[i] = tracked[i] ? new float[rows * k] : null;
        }
        double[][] args = new double[n][k];
        double[][] d = anyTracked ? new double[n][k] : null;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    args[i][j] = values[i][r * k + j];
                }
                if (anyTracked) {
                    java.util.Arrays.fill(d[i], 0);
                }
            }
            out[r] = (float) kernel.apply(args, d);
            for (int i = 0; i < n; i++) {
                if (tracked[i]) {
                    for (int j = 0; j < k; j++) {
                        partials[i][r * k + j] = (float) d[i][j];
                    }
                }
            }
        }
        if (!anyTracked) {
            return Tensor.of(out, outShape);
        }
        return CustomOp.of(name, out, outShape, g -> {
            float[] gv = g.data();
            Tensor[] grads = new Tensor[n];
            for (int i = 0; i < n; i++) {
                if (partials[i] != null) {
                    float[] gi = new float[rows * k];
                    for (int r = 0; r < rows; r++) {
                        if (gv[r] != 0f) {
                            for (int j = 0; j < k; j++) {
                                gi[r * k + j] = gv[r] * partials[i][r * k + j];
                            }
                        }
                    }
                    grads[i] = Tensor.of(gi, full);
                }
            }
            return grads;
        }, inputs);
    }
}
