package org.elbo4j.tensor;

/**
 * An operation whose forward value and backward rule are written by the caller, for functions
 * that are better computed as one hand-written kernel than as a chain of tensor operations (a
 * log-density in double precision, an implicit reparameterization gradient).
 *
 * <p>The caller computes the output values outside the graph and supplies the vector–Jacobian
 * product: given G = dL/d(output), the gradient dL/d(input_i) = Σ_j G_j · ∂out_j/∂input_i for
 * every input. The result joins the graph like any built-in operation (only when gradients are
 * enabled and some input requires them); each returned gradient is added into its input with
 * the library's broadcasting rule, so a gradient may have the broadcast shape of the output
 * and is summed back to the input's shape.
 *
 * <pre>{@code
 * Tensor y = CustomOp.of("cube", values, x.shape(), g -> new Tensor[] {threeXSquared.mul(g)}, x);
 * }</pre>
 *
 * <p>The backward rule runs with gradient recording off (no second derivatives) and must not
 * keep or modify {@code gradOutput}. This form allocates a gradient tensor per input and call
 * and reduces it under broadcasting; a hot kernel writes its gradients in place with
 * {@link FusedOp} instead.
 */
public final class CustomOp {

    /** The vector–Jacobian product of a custom operation. */
    @FunctionalInterface
    public interface Backward {

        /**
         * dL/d(input_i) for each input, in order, given dL/d(output); an entry may be null for an
         * input without a gradient, and must otherwise have the input's shape or one that sums
         * down to it under broadcasting.
         */
        Tensor[] inputGradients(Tensor gradOutput);
    }

    private CustomOp() {
    }

    /**
     * A tensor holding {@code values} (not copied: the caller hands them over) with the given
     * shape, whose gradient with respect to {@code inputs} is given by {@code backward}.
     *
     * @throws IllegalArgumentException when the values do not fill the shape, or (at backward
     *     time) when the rule returns the wrong number of gradients
     */
    public static Tensor of(String name, float[] values, int[] shape, Backward backward, Tensor... inputs) {
        int[] s = shape.clone();
        if (values.length != Shape.size(s)) {
            throw new IllegalArgumentException("CustomOp " + name + ": " + values.length
                    + " values do not fill shape " + Shape.str(s));
        }
        Tensor[] in = inputs.clone();
        return Tensor.result(values, s, name, g -> {
            Tensor[] grads = backward.inputGradients(g);
            if (grads == null || grads.length != in.length) {
                throw new IllegalArgumentException("CustomOp " + name + ": backward returned "
                        + (grads == null ? "null" : grads.length + " gradients") + " for " + in.length + " inputs");
            }
            for (int i = 0; i < in.length; i++) {
                if (grads[i] != null) {
                    Autograd.accumulate(in[i], grads[i]);
                }
            }
        }, in);
    }
}
