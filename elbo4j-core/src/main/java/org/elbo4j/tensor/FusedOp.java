package org.elbo4j.tensor;

/**
 * The public extension point of the autodiff graph for hand-written kernels: an operation whose
 * forward values and backward rule are written by its author on raw float arrays (as Stan Math
 * does for hot log-densities), registered in the graph like a built-in operation.
 *
 * <p>The author computes the output values (handing the array over, not copied) and supplies the
 * vector–Jacobian product as a rule that, given {@code G = dL/d(output)} as the output's raw
 * values, adds {@code dL/d(input_i) = Σ_j G_j · ∂out_j/∂input_i} straight into the gradient
 * array of each input that needs one, through {@link InputGradients}:
 *
 * <pre>{@code
 * float[] xs = x.data();
 * float[] cube = new float[xs.length];
 * for (int i = 0; i < xs.length; i++) cube[i] = xs[i] * xs[i] * xs[i];
 * Tensor y = FusedOp.of("cube", cube, x.shape(), (g, grads) -> {
 *     if (grads.required(0)) {
 *         float[] dx = grads.array(0);
 *         for (int i = 0; i < xs.length; i++) dx[i] += g[i] * 3 * xs[i] * xs[i];
 *     }
 * }, x);
 * }</pre>
 *
 * <p>Unlike {@link CustomOp}, nothing is allocated per call beyond what the graph needs anyway
 * (the output, the graph node and, the first time an input gets a gradient, that gradient's
 * array): there are no intermediate gradient tensors, no broadcasting reduction and no copies.
 * Gradients therefore have exactly the input's shape (row-major, as {@link Tensor#data()}). The
 * node joins the graph only when gradients are enabled and some input requires them. The rule
 * runs with gradient recording off, must not keep or modify {@code gradOutput}, and may read the
 * inputs' values, which the graph keeps alive.
 */
public final class FusedOp {

    /** The backward rule of a fused operation. */
    @FunctionalInterface
    public interface Backward {

        /**
         * Adds each input's share of the gradient into {@code gradients}, given
         * {@code gradOutput = dL/d(output)} (the output's shape, row-major).
         */
        void apply(float[] gradOutput, InputGradients gradients);
    }

    private FusedOp() {
    }

    /**
     * A tensor over {@code values} (not copied) with the given shape, computed from {@code inputs},
     * whose backward rule is {@code backward}.
     *
     * @throws IllegalArgumentException when the values do not fill the shape, or there are more
     *     than {@value InputGradients#MAX_INPUTS} inputs
     */
    public static Tensor of(String name, float[] values, int[] shape, Backward backward, Tensor... inputs) {
        int[] s = shape.clone();
        if (values.length != Shape.size(s)) {
            throw new IllegalArgumentException("FusedOp " + name + ": " + values.length
                    + " values do not fill shape " + Shape.str(s));
        }
        if (inputs.length > InputGradients.MAX_INPUTS) {
            throw new IllegalArgumentException("FusedOp " + name + ": at most " + InputGradients.MAX_INPUTS
                    + " inputs, got " + inputs.length);
        }
        Tensor[] in = inputs.clone();
        return Tensor.result(values, s, name, g -> backward.apply(g.data, new InputGradients(in)), in);
    }
}
