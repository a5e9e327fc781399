package org.elbo4j.dist.kl;

import java.util.Arrays;
import org.elbo4j.tensor.CustomOp;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * An elementwise function of broadcast tensors evaluated in double precision by a scalar kernel
 * that returns the value and writes its partial derivatives, joined to the autodiff graph as a
 * {@link CustomOp}. Used for the KL forms built from log Γ and ψ, whose float32 composition
 * cancels at large parameters (each term ~ 10⁴, the result ~ 1).
 */
final class DoubleKernel {

    /** value = f(args); writes ∂f/∂args[i] into {@code partials[i]}. */
    @FunctionalInterface
    interface Kernel {
        double apply(double[] args, double[] partials);
    }

    private DoubleKernel() {
    }

    /** f applied to the inputs broadcast together, differentiable in each input. */
    static Tensor apply(String name, Kernel kernel, Tensor... inputs) {
        int[] shape = inputs[0].shape();
        for (int i = 1; i < inputs.length; i++) {
            shape = Shape.broadcast(name, shape, inputs[i].shape());
        }
        int n = inputs.length;
        int size = Shape.size(shape);
        float[][] values = new float[n][];
        try (GradMode scope = GradMode.noGrad()) {
            for (int i = 0; i < n; i++) {
                Tensor t = inputs[i];
                values[i] = Arrays.equals(t.shape(), shape) ? t.data() : t.expand(shape).data();
            }
        }
        float[] out = new float[size];
        float[][] partials = new float[n][size];
        double[] args = new double[n];
        double[] d = new double[n];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < n; i++) {
                args[i] = values[i][j];
            }
            Arrays.fill(d, 0.0);
            out[j] = (float) kernel.apply(args, d);
            for (int i = 0; i < n; i++) {
                partials[i][j] = (float) d[i];
            }
        }
        int[] outShape = shape;
        return CustomOp.of(name, out, outShape, g -> {
            float[] gv = g.data();
            Tensor[] grads = new Tensor[n];
            for (int i = 0; i < n; i++) {
                if (!inputs[i].requiresGrad()) {
                    continue;
                }
                float[] gi = new float[size];
                for (int j = 0; j < size; j++) {
                    gi[j] = gv[j] == 0f ? 0f : gv[j] * partials[i][j];
                }
                grads[i] = Tensor.of(gi, outShape);
            }
            return grads;
        }, inputs);
    }
}
