package org.elbo4j.bayes;

/**
 * The Cholesky factorisation A = L Lᵀ of a small dense symmetric positive-definite matrix in
 * double precision, with the solves, inverse and log-determinant built on it. Used for the
 * closed forms of the built-in models, the Laplace covariance and sampling the fitted guide —
 * places where float32 tensors would lose digits that the checks need.
 */
public final class DenseCholesky {

    private final double[][] lower;

    private DenseCholesky(double[][] lower) {
        this.lower = lower;
    }

    /**
     * Factors {@code a} (only its lower triangle is read).
     *
     * @throws IllegalArgumentException if {@code a} is not square or not positive definite
     */
    public static DenseCholesky of(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("DenseCholesky: matrix must be square, row " + i + " has "
                        + a[i].length + " entries, expected " + n);
            }
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        throw new IllegalArgumentException("DenseCholesky: matrix is not positive definite (pivot "
                                + i + " is " + s + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return new DenseCholesky(l);
    }

    /** L (copied). */
    public double[][] lower() {
        double[][] c = new double[lower.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = lower[i].clone();
        }
        return c;
    }

    /** log det A = 2 Σ log L_ii. */
    public double logDet() {
        double s = 0;
        for (int i = 0; i < lower.length; i++) {
            s += Math.log(lower[i][i]);
        }
        return 2 * s;
    }

    /** x with L x = b. */
    public double[] solveLower(double[] b) {
        int n = lower.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= lower[i][k] * x[k];
            }
            x[i] = s / lower[i][i];
        }
        return x;
    }

    /** x with A x = b. */
    public double[] solve(double[] b) {
        int n = lower.length;
        double[] y = solveLower(b);
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= lower[k][i] * x[k];
            }
            x[i] = s / lower[i][i];
        }
        return x;
    }

    /** A⁻¹, symmetric. */
    public double[][] inverse() {
        int n = lower.length;
        double[][] inv = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            inv[j] = solve(e);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (inv[i][j] + inv[j][i]);
                inv[i][j] = avg;
                inv[j][i] = avg;
            }
        }
        return inv;
    }

    /** L z: a draw from N(0, A) for z ~ N(0, I). */
    public double[] multiplyLower(double[] z) {
        int n = lower.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += lower[i][k] * z[k];
            }
            out[i] = s;
        }
        return out;
    }
}
