package org.elbo4j.tensor;

import org.elbo4j.tensor.kernel.Gemm;
import org.elbo4j.tensor.kernel.UnaryFn;

/**
 * Fused operations with hand-written backward rules, for the hot paths of neural networks: each
 * replaces a chain of small operations (matmul, broadcast add, activation) by one graph node that
 * makes fewer passes over memory and allocates fewer intermediate arrays.
 *
 * <p>{@link #linear} computes {@code y = f(x·W + b)} for {@code x: [B, in]}, {@code W: [in, out]},
 * {@code b: [out]} and an optional elementwise activation f. With {@code G = dL/dy} and
 * {@code P = G ⊙ f'(x·W + b)}, the gradients are
 * <pre>
 *   dx = P · Wᵀ      dW = xᵀ · P      db = Σ_rows P
 * </pre>
 * each matrix product being one {@link Gemm} call with transpose flags (no transposed copies).
 * The bias is written into the output before the product, which then accumulates onto it; a
 * gradient that already exists is accumulated into by the kernel directly.
 *
 * <p>The activation runs through {@link UnaryFn#forward} and {@link UnaryFn#backward} (the
 * vectorized kernels when enabled) on the pre-activation kept by the node: the same kernels as
 * {@code Functions.apply(f, x·W + b)}, with one node instead of three and no broadcast of the
 * bias.
 */
public final class Fused {

    private Fused() {
    }

    /** {@code x·W + b}; see {@link #linear(Tensor, Tensor, Tensor, UnaryFn)}. */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        return linear(x, w, b, null);
    }

    /**
     * {@code y = f(x·W + b)} as one operation.
     *
     * @param x input {@code [B, in]}
     * @param w weight {@code [in, out]}
     * @param b bias {@code [out]}, or null for none
     * @param activation f, or null for the identity
     * @throws IllegalArgumentException naming the shapes when they do not fit
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b, UnaryFn activation) {
        if (x.rank() != 2 || w.rank() != 2 || x.shape[1] != w.shape[0]
                || (b != null && (b.rank() != 1 || b.shape[0] != w.shape[1]))) {
            throw new IllegalArgumentException("Fused.linear: expected x [B, in], W [in, out], b [out], got x "
                    + Shape.str(x.shape) + ", W " + Shape.str(w.shape) + ", b "
                    + (b == null ? "none" : Shape.str(b.shape)));
        }
        int rows = x.shape[0];
        int in = x.shape[1];
        int out = w.shape[1];
        float[] pre = new float[rows * out];
        if (b != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(b.data, 0, pre, r * out, out);
            }
        }
        Gemm.gemm(false, false, rows, out, in, x.data, 0, in, w.data, 0, out, pre, 0, out, b != null);
        float[] y;
        if (activation == null) {
            y = pre;
        } else {
            y = new float[pre.length];
            activation.forward(pre, y);
        }
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return Tensor.result(y, new int[] {rows, out}, activation == null ? "linear"
                : "linear+" + activation.name().toLowerCase(java.util.Locale.ROOT), g -> {
                    float[] p = g.data;
                    if (activation != null) {
                        p = new float[pre.length];
                        activation.backward(pre, y, g.data, p);
                    }
                    if (x.requiresGrad()) {
                        // dx[B×in] = P[B×out] · Wᵀ
                        float[] dst = gradTarget(x);
                        Gemm.gemm(false, true, rows, in, out, p, 0, out, w.data, 0, out, dst, 0, in, x.grad != null);
                        storeGrad(x, dst);
                    }
                    if (w.requiresGrad()) {
                        // dW[in×out] = xᵀ · P
                        float[] dst = gradTarget(w);
                        Gemm.gemm(true, false, in, out, rows, x.data, 0, in, p, 0, out, dst, 0, out, w.grad != null);
                        storeGrad(w, dst);
                    }
                    if (b != null && b.requiresGrad()) {
                        double[] sums = new double[out];
                        for (int r = 0; r < rows; r++) {
                            int base = r * out;
                            for (int j = 0; j < out; j++) {
                                sums[j] += p[base + j];
                            }
                        }
                        float[] dst = gradTarget(b);
                        boolean accumulate = b.grad != null;
                        for (int j = 0; j < out; j++) {
                            dst[j] = accumulate ? (float) (dst[j] + sums[j]) : (float) sums[j];
                        }
                        storeGrad(b, dst);
                    }
                }, inputs);
    }

    /** The array to write t's gradient into: its existing gradient, or a fresh one. */
    private static float[] gradTarget(Tensor t) {
        return t.grad != null ? t.grad.data : new float[t.data.length];
    }

    /** Installs a freshly computed gradient array (no copy: it is owned by nobody else). */
    private static void storeGrad(Tensor t, float[] dst) {
        if (t.grad == null) {
            t.grad = new Tensor(dst, t.shape.clone());
        }
    }
}
