package org.elbo4j.bayes.models;

import org.elbo4j.tensor.kernel.Simd;

/**
 * Linear predictors of four coefficient vectors over a block of rows, from the block packed
 * column-major (x_ij at {@code x[j·ld + i]}; a small GEMM: points × rows, inner dimension the
 * features):
 * <pre>
 *   out_p[o + i] = c_p + Σ_{j = j0}^{D−1} a_{4j+p} x_ij   (p &lt; 4, i &lt; len)
 * </pre>
 * used for η = α + βᵀx at K points ({@link LogisticLikelihood}) and for μ = mᵀz and Lᵀz
 * ({@link LogisticExpectations}, j0 skipping the zeros of the triangle). The coefficients are
 * interleaved (a_{4j+p}) so that the four broadcasts of a step j are adjacent.
 *
 * <p>Every output is one chain of fused multiply-adds over j in increasing order starting from
 * c_p, so the {@link VectorPredictor Vector API} tiles (lanes over the row i) and the scalar loops
 * here give the same bits, at every vector width. The scalar path serves small blocks and JVMs
 * without {@code jdk.incubator.vector}.
 */
final class PredictorKernel {

    /** Points per call. */
    static final int POINTS = 4;
    /**
     * The least multiply-adds of a whole call (all blocks) worth the Vector API path: its first
     * use in a JVM costs about a second of JIT (interpreted and C1 vector code is about 100 times
     * slower), the scalar loops compile at once. Package-private and mutable so that tests can
     * reach the vector path on small data (both paths give the same bits).
     */
    static long vectorWork = 1L << 26;

    private PredictorKernel() {
    }

    /** Whether a call of {@code work} multiply-adds takes the Vector API path. */
    static boolean vector(long work) {
        return Simd.enabled() && work >= vectorWork;
    }

    /**
     * As in the class comment (D features): by {@link VectorPredictor} when {@code vector}, else by
     * the scalar loops for the first {@code points} (1 or 4) outputs only.
     */
    static void predict(boolean vector, double[] a, double[] c, double[] x, int ld, int features, int j0, int len,
            double[][] out, int o, int points) {
        int done = vector ? VectorPredictor.predict(a, c, x, ld, features, j0, len, out, o) : 0;
        if (points == 1) {
            scalar1(a, c[0], x, ld, features, j0, done, len - done, out[0], o + done);
        } else {
            scalar(a, c, x, ld, features, j0, done, len - done, out, o + done);
        }
    }

    /** The scalar path of output 0 alone: the same chains. */
    static void scalar1(double[] a, double c, double[] x, int ld, int features, int j0, int i0, int len,
            double[] out, int o) {
        java.util.Arrays.fill(out, o, o + len, c);
        int shift = o - i0;
        for (int j = j0; j < features; j++) {
            int xo = j * ld;
            double aj = a[4 * j];
            for (int n = i0; n < i0 + len; n++) {
                out[n + shift] = Math.fma(aj, x[xo + n], out[n + shift]);
            }
        }
    }

    /** Copies rows [n0, n0 + len) of the columns into {@code x} column-major with stride ld. */
    static void pack(double[][] columns, int n0, int len, double[] x, int ld) {
        for (int j = 0; j < columns.length; j++) {
            System.arraycopy(columns[j], n0, x, j * ld, len);
        }
    }

    /** The scalar path for rows [i0, i0 + len) of the block: the same chains, four outputs updated per column. */
    static void scalar(double[] a, double[] c, double[] x, int ld, int features, int j0, int i0, int len,
            double[][] out, int o) {
        if (len <= 0) {
            return;
        }
        double[] o0 = out[0];
        double[] o1 = out[1];
        double[] o2 = out[2];
        double[] o3 = out[3];
        java.util.Arrays.fill(o0, o, o + len, c[0]);
        java.util.Arrays.fill(o1, o, o + len, c[1]);
        java.util.Arrays.fill(o2, o, o + len, c[2]);
        java.util.Arrays.fill(o3, o, o + len, c[3]);
        int shift = o - i0;
        for (int j = j0; j < features; j++) {
            int xo = j * ld;
            double a0 = a[4 * j];
            double a1 = a[4 * j + 1];
            double a2 = a[4 * j + 2];
            double a3 = a[4 * j + 3];
            for (int n = i0; n < i0 + len; n++) {
                double xn = x[xo + n];
                o0[n + shift] = Math.fma(a0, xn, o0[n + shift]);
                o1[n + shift] = Math.fma(a1, xn, o1[n + shift]);
                o2[n + shift] = Math.fma(a2, xn, o2[n + shift]);
                o3[n + shift] = Math.fma(a3, xn, o3[n + shift]);
            }
        }
    }
}
