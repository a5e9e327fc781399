package org.elbo4j.dist.transform;

import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Tensor;

/**
 * Differentiable partial sums along the last axis, written as a product with a constant 0/1
 * matrix (the vectors here are short: a simplex's dimension).
 */
final class LastAxisSums {

    private LastAxisSums() {
    }

    /** {@code out[..., k] = Σ_{j ≤ k} x[..., j]}, same shape as x. */
    static Tensor inclusiveCumsum(Tensor x) {
        int m = x.dim(-1);
        float[] w = new float[m * m];
        for (int j = 0; j < m; j++) {
            for (int k = j; k < m; k++) {
                w[j * m + k] = 1f;
            }
        }
        return mix(x, Tensor.of(w, m, m));
    }

    /**
     * {@code out[..., k] = Σ_{j > k} x[..., j]} for k = 0 … K−2, where K is the last dimension of x:
     * the mass to the right of each of the first K−1 positions (shape [..., K−1]).
     */
    static Tensor tailSums(Tensor x) {
        int kk = x.dim(-1);
        int m = kk - 1;
        float[] w = new float[kk * m];
        for (int j = 0; j < kk; j++) {
            for (int k = 0; k < m; k++) {
                w[j * m + k] = j > k ? 1f : 0f;
            }
        }
        return mix(x, Tensor.of(w, kk, m));
    }

    /** {@code x · w} over the last axis of x, for any leading shape. */
    private static Tensor mix(Tensor x, Tensor w) {
        int[] shape = x.shape();
        int in = w.dim(0);
        int out = w.dim(1);
        Tensor flat = x.reshape(-1, in);
        Tensor y = LinAlg.matmul(flat, w);
        shape[shape.length - 1] = out;
        return y.reshape(shape);
    }
}
