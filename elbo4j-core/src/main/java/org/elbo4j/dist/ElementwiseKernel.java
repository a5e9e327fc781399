package org.elbo4j.dist;

import org.elbo4j.tensor.CustomOp;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * An elementwise function of several broadcast tensors evaluated in double precision by one
 * scalar kernel that returns the value and its partial derivatives at once (Stan Math's
 * "operands and partials"). Used for log-densities and entropies whose float32 composition
 * would cancel (lgamma(α) against α·log β at large α) and for samplers whose draws carry an
 * implicit gradient.
 *
 * <p>The inputs are broadcast to the output shape and visited in row-major order (so a kernel
 * that draws random numbers is deterministic for a seeded stream). The backward rule multiplies
 * the stored partials by dL/d(output) (a zero upstream gradient gives zero even where a partial
 * is infinite); the broadcast is summed back by the tensor engine.
 * Partials are stored only for inputs that require gradients, and only when gradients are
 * recorded.
 */
final class ElementwiseKernel {

    /**
     * value = f(args); writes ∂f/∂args[i] into partials[i] (entries of inputs without gradients
     * are ignored). {@code partials} is null when no gradient is recorded: skip computing them.
     */
    @FunctionalInterface
    interface Kernel {
        double apply(double[] args, double[] partials);
    }

    private ElementwiseKernel() {
    }

    /** f applied elementwise to the inputs broadcast to {@code shape}, differentiable in every input. */
    static Tensor apply(String name, int[] shape, Kernel kernel, Tensor... inputs) {
        int n = inputs.length;
        float[][] values = new float[n][];
        boolean[] tracked = new boolean[n];
        boolean anyTracked = false;
        for (int i = 0; i < n; i++) {
            values[i] = GammaFamilyParameters.broadcastValues(inputs[i], shape);
            tracked[i] = GradMode.isEnabled() && inputs[i].requiresGrad();
            anyTracked |= tracked[i];
        }
        int size = Shape.size(shape);
        float[] out = new float[size];
        float[][] partials = new float[n][];
        for (int i = 0; i < n; i++) {
            partials[i] = tracked[i] ? new float[size] : null;
        }
        double[] args = new double[n];
        double[] d = anyTracked ? new double[n] : null;
        for (int e = 0; e < size; e++) {
            for (int i = 0; i < n; i++) {
                args[i] = values[i][e];
            }
            if (anyTracked) {
                java.util.Arrays.fill(d, 0);
            }
            out[e] = (float) kernel.apply(args, d);
            if (anyTracked) {
                for (int i = 0; i < n; i++) {
                    if (tracked[i]) {
                        partials[i][e] = (float) d[i];
                    }
                }
            }
        }
        if (!anyTracked) {
            return Tensor.of(out, shape);
        }
        return CustomOp.of(name, out, shape, g -> {
            float[] gv = g.data();
            Tensor[] grads = new Tensor[n];
            for (int i = 0; i < n; i++) {
                if (partials[i] != null) {
                    float[] gi = new float[size];
                    for (int e = 0; e < size; e++) {
                        gi[e] = gv[e] == 0f ? 0f : gv[e] * partials[i][e];
                    }
                    grads[i] = Tensor.of(gi, shape);
                }
            }
            return grads;
        }, inputs);
    }

    /** c·log v for a kernel, with 0·(−∞) taken as 0 (the exponent α − 1 = 0 at a boundary). */
    static double timesLog(double c, double logV) {
        return c == 0 ? 0 : c * logV;
    }

    /** c/v for a kernel, with 0/0 taken as 0. */
    static double ratio(double c, double v) {
        return c == 0 ? 0 : c / v;
    }
}
