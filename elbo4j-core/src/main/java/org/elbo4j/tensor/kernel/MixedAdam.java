package org.elbo4j.tensor.kernel;

/**
 * The elementwise Adam update of float32 weights with float64 moments (the kernel of
 * {@code optim.AdamUpdate} on tensor parameters): for j in [from, to), i = off + j,
 * <pre>
 *   g = clamp(g_j · scale, −c, c)
 *   m_i ← β₁ m_i + (1 − β₁) g,   v_i ← β₂ v_i + ((1 − β₂) g) g
 *   x_j ← float(x_j − (stepSize · m_i) / (√v_i / bc2Sqrt + ε))
 * </pre>
 * all in double (PyTorch's order, as {@code AdamUpdate}'s double-vector step), rounded to float once. The vector path ({@code VectorMixedAdam}) does the same
 * IEEE operations in the same order (no fused multiply-add), so both paths, and every vector
 * width, give the same bits.
 */
public final class MixedAdam {

    private MixedAdam() {
    }

    /** One update of elements [from, to) of {@code x}; see the class comment. */
    public static void step(float[] x, float[] g, double[] m, double[] v, int off, int from, int to, double scale,
            double clamp, double beta1, double beta2, double stepSize, double bc2Sqrt, double eps) {
        if (Simd.enabled()) {
            VectorMixedAdam.step(x, g, m, v, off, from, to, scale, clamp, beta1, beta2, stepSize, bc2Sqrt, eps);
        } else {
            scalar(x, g, m, v, off, from, to, scale, clamp, beta1, beta2, stepSize, bc2Sqrt, eps);
        }
    }

    static void scalar(float[] x, float[] g, double[] m, double[] v, int off, int from, int to, double scale,
            double clamp, double beta1, double beta2, double stepSize, double bc2Sqrt, double eps) {
        double w1 = 1 - beta1;
        double w2 = 1 - beta2;
        for (int j = from; j < to; j++) {
            int i = off + j;
            double gi = Math.max(-clamp, Math.min(clamp, g[j] * scale));
            double mi = beta1 * m[i] + w1 * gi;
            double vi = beta2 * v[i] + w2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            x[j] = (float) (x[j] - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps));
        }
    }
}
