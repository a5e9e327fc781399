package org.elbo4j.bayes;

import java.util.Arrays;
import org.elbo4j.linalg.Cholesky;
import org.elbo4j.linalg.TriangularSolve;

/**
 * The Cholesky factorisation A = L Lᵀ of a small dense symmetric positive-definite matrix in
 * double precision, with the solves, inverse and log-determinant built on it. Used for the
 * closed forms of the built-in models, the Laplace covariance and sampling the fitted guide —
 * places where float32 tensors would lose digits that the checks need. The factorisation and
 * the solves are the library's one kernel of each ({@link Cholesky}, {@link TriangularSolve}).
 */
public final class DenseCholesky {

    /** L, n×n row-major (zeros above the diagonal). */
    private final double[] lower;
    private final int n;

    private DenseCholesky(double[] lower, int n) {
        this.lower = lower;
        this.n = n;
    }

    /**
     * Factors {@code a} (only its lower triangle is read).
     *
     * @throws IllegalArgumentException if {@code a} is not square or not positive definite
     */
    public static DenseCholesky of(double[][] a) {
        int n = a.length;
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("DenseCholesky: matrix must be square, row " + i + " has "
                        + a[i].length + " entries, expected " + n);
            }
            System.arraycopy(a[i], 0, l, i * n, i + 1);
        }
        int pivot = Cholesky.factor(l, 0, l, 0, n, 0.0);
        if (pivot >= 0) {
            throw new IllegalArgumentException("DenseCholesky: matrix is not positive definite (pivot "
                    + pivot + " is " + l[pivot * n + pivot] + ")");
        }
        return new DenseCholesky(l, n);
    }

    /** L (copied). */
    public double[][] lower() {
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            c[i] = Arrays.copyOfRange(lower, i * n, (i + 1) * n);
        }
        return c;
    }

    /** log det A = 2 Σ log L_ii. */
    public double logDet() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(lower[i * n + i]);
        }
        return 2 * s;
    }

    /** x with L x = b. */
    public double[] solveLower(double[] b) {
        double[] x = Arrays.copyOf(b, n);
        TriangularSolve.solve(lower, 0, n, x, 0, 1, true, false);
        return x;
    }

    /** x with Lᵀ x = b: for z ~ N(0, I), x ~ N(0, A⁻¹). */
    public double[] solveUpper(double[] b) {
        double[] x = Arrays.copyOf(b, n);
        TriangularSolve.solve(lower, 0, n, x, 0, 1, true, true);
        return x;
    }

    /** x with A x = b. */
    public double[] solve(double[] b) {
        return solveUpper(solveLower(b));
    }

    /** A⁻¹, symmetric. */
    public double[][] inverse() {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            x[i * n + i] = 1;
        }
        TriangularSolve.solve(lower, 0, n, x, 0, n, true, false);
        TriangularSolve.solve(lower, 0, n, x, 0, n, true, true);
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            inv[i][i] = x[i * n + i];
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (x[i * n + j] + x[j * n + i]);
                inv[i][j] = avg;
                inv[j][i] = avg;
            }
        }
        return inv;
    }

    /** L z: a draw from N(0, A) for z ~ N(0, I). */
    public double[] multiplyLower(double[] z) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += lower[i * n + k] * z[k];
            }
            out[i] = s;
        }
        return out;
    }
}
