package org.elbo4j.bayes.models;

/**
 * The column-oriented dot products of {@link LogisticLikelihood}'s gradients at K points (and of
 * {@code regression.LikelihoodPass}): with the design stored as D column arrays, each gradient
 * coordinate is a dot product of a residual vector with a column. Hand-unrolled over 1–2 columns
 * and 1–2 residual vectors so that each block of a column is loaded once; every sum uses four
 * interleaved partial sums in a fixed order (deterministic, and independent add chains).
 */
public final class ColumnKernels {

    private ColumnKernels() {
    }

    /** Σ a_n b_n over [n0, n1), in four interleaved partial sums. */
    public static double dot(double[] a, double[] b, int n0, int n1) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = n0;
        for (; n + 3 < n1; n += 4) {
            s0 += a[n] * b[n];
            s1 += a[n + 1] * b[n + 1];
            s2 += a[n + 2] * b[n + 2];
            s3 += a[n + 3] * b[n + 3];
        }
        for (; n < n1; n++) {
            s0 += a[n] * b[n];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ c_n a_n and Σ c_n b_n over [n0, n1) into {@code out[0..1]}, four interleaved partial sums each. */
    static void dot21(double[] c, double[] a, double[] b, int n0, int n1, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        int n = n0;
        for (; n + 3 < n1; n += 4) {
            double c0 = c[n];
            double c1 = c[n + 1];
            double c2 = c[n + 2];
            double c3 = c[n + 3];
            s0 += c0 * a[n];
            s1 += c1 * a[n + 1];
            s2 += c2 * a[n + 2];
            s3 += c3 * a[n + 3];
            t0 += c0 * b[n];
            t1 += c1 * b[n + 1];
            t2 += c2 * b[n + 2];
            t3 += c3 * b[n + 3];
        }
        for (; n < n1; n++) {
            s0 += c[n] * a[n];
            t0 += c[n] * b[n];
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = (t0 + t1) + (t2 + t3);
    }

    /**
     * Σ c_n a_n, Σ d_n a_n, Σ c_n b_n and Σ d_n b_n over [n0, n1) into {@code out[0..3]}, four
     * interleaved partial sums each.
     */
    static void dot22(double[] c, double[] d, double[] a, double[] b, int n0, int n1, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        double u0 = 0;
        double u1 = 0;
        double u2 = 0;
        double u3 = 0;
        double v0 = 0;
        double v1 = 0;
        double v2 = 0;
        double v3 = 0;
        int n = n0;
        for (; n + 3 < n1; n += 4) {
            double a0 = a[n];
            double a1 = a[n + 1];
            double a2 = a[n + 2];
            double a3 = a[n + 3];
            double b0 = b[n];
            double b1 = b[n + 1];
            double b2 = b[n + 2];
            double b3 = b[n + 3];
            double c0 = c[n];
            double c1 = c[n + 1];
            double c2 = c[n + 2];
            double c3 = c[n + 3];
            double d0 = d[n];
            double d1 = d[n + 1];
            double d2 = d[n + 2];
            double d3 = d[n + 3];
            s0 += c0 * a0;
            s1 += c1 * a1;
            s2 += c2 * a2;
            s3 += c3 * a3;
            t0 += d0 * a0;
            t1 += d1 * a1;
            t2 += d2 * a2;
            t3 += d3 * a3;
            u0 += c0 * b0;
            u1 += c1 * b1;
            u2 += c2 * b2;
            u3 += c3 * b3;
            v0 += d0 * b0;
            v1 += d1 * b1;
            v2 += d2 * b2;
            v3 += d3 * b3;
        }
        for (; n < n1; n++) {
            s0 += c[n] * a[n];
            t0 += d[n] * a[n];
            u0 += c[n] * b[n];
            v0 += d[n] * b[n];
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = (t0 + t1) + (t2 + t3);
        out[2] = (u0 + u1) + (u2 + u3);
        out[3] = (v0 + v1) + (v2 + v3);
    }
}
