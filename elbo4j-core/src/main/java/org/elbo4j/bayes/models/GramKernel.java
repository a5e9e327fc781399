package org.elbo4j.bayes.models;

import org.elbo4j.tensor.kernel.Simd;

/**
 * The weighted Gram matrix of Newton's Hessian ({@link LogisticLikelihood#curvature}) and of the
 * natural-gradient pass ({@link LogisticExpectations}), with the gradient as one more row:
 * <pre>
 *   h_aj += Σ_{i &lt; len} u_ia z_ij,   u_ia = w_i z_ia (a &lt; k),   u_ik = r_i,
 * </pre>
 * so rows a &lt; k of h hold Σ w_i z_i z_iᵀ (lower triangle, j ≤ a) and row k holds Σ r_i z_iᵀ. The
 * block is packed row-major with a padded stride kp ({@link #stride}): z[i·kp + j] (zero for
 * j ≥ k), u[i·kp + a]; h is kp × kp.
 *
 * <p>Every h_aj is one chain of fused multiply-adds over i in increasing order, starting from its
 * current value, so the result does not depend on the block size, on the vector width, or on the
 * path: the {@link VectorGram Vector API} tiles (lanes over the column j) and the scalar loops here
 * give the same bits. The scalar path serves small problems, where Vector API code would run
 * interpreted or in C1 for most of the call, and JVMs without {@code jdk.incubator.vector}.
 */
final class GramKernel {

    /** Rows of h per tile (the row range of every call is a multiple of it). */
    static final int TILE_ROWS = 4;
    /**
     * The least N · kp² of a whole call worth the Vector API path (as {@link PredictorKernel#vectorWork}:
     * the first use costs about a second of JIT; at N = 500,000 the vector path starts near D = 32).
     * Package-private and mutable for tests.
     */
    static long vectorWork = 1L << 29;

    private GramKernel() {
    }

    /** The padded stride for k coordinates and the gradient row: k + 1 rounded up to a multiple of 8. */
    static int stride(int k) {
        return (k + 1 + 7) & ~7;
    }

    /** Whether a call over N rows with stride kp takes the Vector API path. */
    static boolean vector(long rows, int kp) {
        return Simd.enabled() && rows * kp * kp >= vectorWork;
    }

    /**
     * Adds the block's terms to rows [aFrom, aTo) of h (multiples of {@link #TILE_ROWS}; aTo ≤ kp),
     * at least the columns j ≤ a of each row a; by {@link VectorGram} when {@code vector}.
     */
    static void accumulate(boolean vector, double[] h, int kp, double[] z, double[] u, int len, int aFrom, int aTo) {
        if (vector) {
            VectorGram.accumulate(h, kp, z, u, len, aFrom, aTo);
        } else {
            scalar(h, kp, z, u, len, aFrom, aTo);
        }
    }

    /**
     * The scalar path of {@link #accumulate}: columns j ≤ a of each row a, the same chains; four rows
     * of the block per pass over h (each h_aj loaded and stored once per four fused multiply-adds).
     */
    static void scalar(double[] h, int kp, double[] z, double[] u, int len, int aFrom, int aTo) {
        int i = 0;
        int o = 0;
        for (; i + 3 < len; i += 4, o += 4 * kp) {
            int o1 = o + kp;
            int o2 = o1 + kp;
            int o3 = o2 + kp;
            for (int a = aFrom; a < aTo; a++) {
                double w0 = u[o + a];
                double w1 = u[o1 + a];
                double w2 = u[o2 + a];
                double w3 = u[o3 + a];
                int ho = a * kp;
                for (int j = 0; j <= a; j++) {
                    double t = Math.fma(w0, z[o + j], h[ho + j]);
                    t = Math.fma(w1, z[o1 + j], t);
                    t = Math.fma(w2, z[o2 + j], t);
                    h[ho + j] = Math.fma(w3, z[o3 + j], t);
                }
            }
        }
        for (; i < len; i++, o += kp) {
            for (int a = aFrom; a < aTo; a++) {
                double w = u[o + a];
                int ho = a * kp;
                for (int j = 0; j <= a; j++) {
                    h[ho + j] = Math.fma(w, z[o + j], h[ho + j]);
                }
            }
        }
    }

    /**
     * Packs row i of a block: z[i·kp + off + j] = x_j (j &lt; D, from {@code x} at {@code xo}),
     * z[i·kp] = 1 when off = 1, u[i·kp + a] = w z_ia for a &lt; k = D + off and u[i·kp + k] = r.
     * The padding of both rows stays zero.
     */
    static void packRow(double[] z, double[] u, int o, double[] x, int xo, int features, int off, double w,
            double r) {
        if (off == 1) {
            z[o] = 1;
        }
        System.arraycopy(x, xo, z, o + off, features);
        int k = features + off;
        for (int a = 0; a < k; a++) {
            u[o + a] = w * z[o + a];
        }
        u[o + k] = r;
    }

    /** The gradient row into g[0..k) and the symmetric k × k matrix from the lower triangle of h, when not null. */
    static void unpack(double[] h, int kp, int k, double[] g, double[][] out) {
        if (g != null) {
            System.arraycopy(h, k * kp, g, 0, k);
        }
        if (out != null) {
            for (int a = 0; a < k; a++) {
                for (int j = 0; j <= a; j++) {
                    out[a][j] = h[a * kp + j];
                    out[j][a] = h[a * kp + j];
                }
            }
        }
    }

    /** The first row of the tile holding the gradient row k (the only rows needed without a Hessian). */
    static int gradientTile(int k) {
        return k / TILE_ROWS * TILE_ROWS;
    }
}
