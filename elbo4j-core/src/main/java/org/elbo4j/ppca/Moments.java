package org.elbo4j.ppca;

import org.elbo4j.linalg.Covariance;
import org.elbo4j.tensor.kernel.Parallel;

/** The argument checks and small dense products of the PPCA formulas, on double[][] matrices. */
final class Moments {

    /** About this many multiply-adds per task of {@link #times}. */
    private static final long WORK_PER_TASK = 1L << 18;

    private Moments() {
    }

    /**
     * The checks every PPCA fit makes of its data and q; returns tr S.
     *
     * @throws IllegalArgumentException naming {@code owner} if n &lt; 2, q is not in [1, d) or every
     *     coordinate is constant
     */
    static double checkFit(String owner, Covariance data, int q) {
        int n = data.count();
        int d = data.dimension();
        if (n < 2) {
            throw new IllegalArgumentException(owner + ": need at least 2 points, got " + n);
        }
        if (q < 1 || q >= d) {
            throw new IllegalArgumentException(owner + ": q must be in [1, d) = [1, " + d + "), got " + q);
        }
        double trace = data.trace();
        if (!(trace > 0)) {
            throw new IllegalArgumentException(owner + ": every coordinate is constant (total variance 0)");
        }
        return trace;
    }

    /** S W for a d×d matrix S and a d×q matrix W: rows of the product in parallel tasks fixed by the size. */
    static double[][] times(double[][] s, double[][] w) {
        int d = s.length;
        int q = w[0].length;
        double[][] out = new double[d][q];
        int rowsPerTask = (int) Math.max(1, WORK_PER_TASK / ((long) d * q));
        int tasks = (d + rowsPerTask - 1) / rowsPerTask;
        Parallel.forEachTask(tasks, task -> {
            int end = Math.min(d, (task + 1) * rowsPerTask);
            for (int i = task * rowsPerTask; i < end; i++) {
                double[] si = s[i];
                double[] oi = out[i];
                for (int k = 0; k < d; k++) {
                    double sik = si[k];
                    double[] wk = w[k];
                    for (int c = 0; c < q; c++) {
                        oi[c] += sik * wk[c];
                    }
                }
            }
        });
        return out;
    }

    /** Aᵀ B for d×p A and d×q B (a p×q matrix). */
    static double[][] transposeTimes(double[][] a, double[][] b) {
        int p = a[0].length;
        int q = b[0].length;
        double[][] out = new double[p][q];
        for (int i = 0; i < a.length; i++) {
            double[] ai = a[i];
            double[] bi = b[i];
            for (int r = 0; r < p; r++) {
                double air = ai[r];
                for (int c = 0; c < q; c++) {
                    out[r][c] += air * bi[c];
                }
            }
        }
        return out;
    }

    /** A B for n×p A and p×q B. */
    static double[][] multiply(double[][] a, double[][] b) {
        int p = b.length;
        int q = b[0].length;
        double[][] out = new double[a.length][q];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < p; k++) {
                double aik = a[i][k];
                for (int c = 0; c < q; c++) {
                    out[i][c] += aik * b[k][c];
                }
            }
        }
        return out;
    }

    /** tr(Aᵀ B) = Σ_ij A_ij B_ij. */
    static double frobeniusDot(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                s += a[i][j] * b[i][j];
            }
        }
        return s;
    }

    static double trace(double[][] a) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i][i];
        }
        return t;
    }

    /** WᵀW + σ² I. */
    static double[][] innerPlusNoise(double[][] w, double sigma2) {
        double[][] m = transposeTimes(w, w);
        for (int i = 0; i < m.length; i++) {
            m[i][i] += sigma2;
        }
        return m;
    }
}
