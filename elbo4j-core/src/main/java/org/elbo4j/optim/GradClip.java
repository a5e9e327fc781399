package org.elbo4j.optim;

import org.elbo4j.tensor.Tensor;

/**
 * Gradient clipping by global norm, as PyTorch's {@code clip_grad_norm_}: with
 * {@code N = √(Σ_params Σ_i g_i²)} over every gradient, the gradients are multiplied by
 * {@code c = maxNorm / (N + 1e-6)} when {@code c < 1}, and left as they are otherwise.
 *
 * <p>Implementation note: N is accumulated in double. When N is not finite (an overflow or a NaN
 * in some gradient) the gradients are left untouched and N is returned, so the caller can skip
 * the step; PyTorch would multiply every gradient by NaN.
 */
public final class GradClip {

    /** Added to the norm in the scale factor, as PyTorch does. */
    public static final double NORM_EPS = 1e-6;

    private GradClip() {
    }

    /**
     * Scales the gradients of {@code params} (those that have one) so that their global norm is
     * at most {@code maxNorm}.
     *
     * @return the global norm before clipping
     * @throws IllegalArgumentException if {@code maxNorm} is not finite and > 0
     */
    public static double clipNorm(Iterable<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("GradClip: maxNorm must be finite and > 0, got " + maxNorm);
        }
        double norm = norm(params);
        double scale = maxNorm / (norm + NORM_EPS);
        if (Double.isFinite(norm) && scale < 1.0) {
            float c = (float) scale;
            for (Tensor t : params) {
                if (t.grad() != null) {
                    float[] g = t.grad().data();
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= c;
                    }
                }
            }
        }
        return norm;
    }

    /** The global norm {@code √(Σ g²)} of the gradients of {@code params}, in double. */
    public static double norm(Iterable<Tensor> params) {
        double sum = 0;
        for (Tensor t : params) {
            if (t.grad() != null) {
                for (float v : t.grad().data()) {
                    sum += (double) v * v;
                }
            }
        }
        return Math.sqrt(sum);
    }
}
