package org.elbo4j.tensor.kernel;

import java.util.SplittableRandom;

/**
 * Test support for the Gemm tests: a random problem with padded leading dimensions and offsets,
 * the product computed by the plain triple loop in double, and the float error bound.
 */
final class GemmReference {

    /**
     * Allowed error of one element, in units of {@code sqrt(k+1) * u * (sum_p |A[i][p] B[p][j]| + |C0|)}
     * with {@code u = 2^-24}. Float accumulation in any order is within {@code k*u*(...)}; for random
     * signs the error grows like {@code sqrt(k)}, and the largest seen over every shape here is
     * about 1.2, so 8 leaves room without hiding a wrong index (which gives errors of order
     * {@code 1/u}). Seeded inputs: the false-failure rate is 0.
     */
    static final double ERROR_FACTOR = 8;
    private static final double U = 0x1p-24;

    final int m;
    final int n;
    final int k;
    final boolean transA;
    final boolean transB;
    final int aOff = 3;
    final int bOff = 5;
    final int cOff = 7;
    final int lda;
    final int ldb;
    final int ldc;
    final float[] a;
    final float[] b;
    final float[] c0;

    GemmReference(long seed, int m, int n, int k, boolean transA, boolean transB) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.transA = transA;
        this.transB = transB;
        this.lda = (transA ? m : k) + 3;
        this.ldb = (transB ? k : n) + 1;
        this.ldc = n + 2;
        SplittableRandom rng = new SplittableRandom(seed);
        a = normals(rng, aOff + (transA ? k : m) * lda);
        b = normals(rng, bOff + (transB ? n : k) * ldb);
        c0 = normals(rng, cOff + m * ldc + 4);
    }

    static float[] normals(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1 + 0.25 * rng.nextGaussian());
        }
        return x;
    }

    float opA(int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    float opB(int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /** Runs Gemm on a copy of C0 and returns it. */
    float[] run(boolean accumulate) {
        float[] c = c0.clone();
        Gemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        return c;
    }

    /**
     * Checks {@code c} against the double triple loop inside the window, and that every element
     * outside the window (offset, row padding, tail) still holds C0. Returns the largest error in
     * units of the bound (see {@link #ERROR_FACTOR}), or throws an AssertionError naming the element.
     */
    double check(float[] c, boolean accumulate, String label) {
        double worst = 0;
        boolean[] inside = new boolean[c.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int idx = cOff + i * ldc + j;
                inside[idx] = true;
                double sum = accumulate ? c0[idx] : 0;
                double abs = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double t = (double) opA(i, p) * opB(p, j);
                    sum += t;
                    abs += Math.abs(t);
                }
                double bound = Math.sqrt(k + 1.0) * U * abs + Double.MIN_NORMAL;
                double err = Math.abs(c[idx] - sum) / bound;
                if (!(err <= ERROR_FACTOR)) {
                    throw new AssertionError(label + ": C[" + i + "][" + j + "] = " + c[idx] + ", expected " + sum
                            + " (error " + err + " x bound, allowed " + ERROR_FACTOR + ")");
                }
                worst = Math.max(worst, err);
            }
        }
        for (int idx = 0; idx < c.length; idx++) {
            if (!inside[idx] && Float.floatToRawIntBits(c[idx]) != Float.floatToRawIntBits(c0[idx])) {
                throw new AssertionError(label + ": element " + idx + " outside the m x n window was written");
            }
        }
        return worst;
    }

    String label(boolean accumulate) {
        return "m=" + m + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB
                + " accumulate=" + accumulate + " simd=" + Simd.enabled();
    }
}
