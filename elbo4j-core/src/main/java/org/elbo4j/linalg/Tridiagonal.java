package org.elbo4j.linalg;

/**
 * Householder reduction of a symmetric d×d matrix to tridiagonal form, A = Q T Qᵀ (Golub &amp;
 * Van Loan, <i>Matrix Computations</i>, 4th ed., Algorithm 8.3.1; LAPACK dsytrd/dorgtr).
 *
 * <p>Step k (k = 0 … d−3) takes x = A[k+1:, k], the reflector v = x − α e₁ with
 * α = −sign(x₁) ‖x‖ and β = 2 / vᵀv (x is scaled by max|x_i| first, so ‖x‖ neither overflows nor
 * underflows), and updates the trailing block B = A[k+1:, k+1:] as
 *
 * <pre>  p = β B v,   w = p − (β vᵀp / 2) v,   B ← B − v wᵀ − w vᵀ   (= H B H, H = I − β v vᵀ)</pre>
 *
 * while A[k+1, k] becomes α. Q = H₀ H₁ … H_{d−3} is then accumulated backwards, each H_k acting
 * only on the trailing rows and columns that are not yet the identity.
 */
final class Tridiagonal {

    private final double[] diagonal;
    private final double[] offDiagonal;
    private final double[][] q;

    private Tridiagonal(double[] diagonal, double[] offDiagonal, double[][] q) {
        this.diagonal = diagonal;
        this.offDiagonal = offDiagonal;
        this.q = q;
    }

    /** Reduces the full symmetric matrix {@code a} (both triangles filled; overwritten). */
    static Tridiagonal of(double[][] a) {
        int d = a.length;
        double[][] reflectors = new double[Math.max(d - 2, 0)][];
        double[] betas = new double[Math.max(d - 2, 0)];
        double[] offDiagonal = new double[Math.max(d - 1, 0)];
        double[] p = new double[d];
        for (int k = 0; k + 2 < d; k++) {
            int m = k + 1;
            double[] rowK = a[k];
            double scale = 0;
            for (int i = m; i < d; i++) {
                scale = Math.max(scale, Math.abs(rowK[i]));
            }
            if (scale == 0) {
                continue;
            }
            double[] v = new double[d];
            double norm2 = 0;
            for (int i = m; i < d; i++) {
                v[i] = rowK[i] / scale;
                norm2 += v[i] * v[i];
            }
            double norm = Math.sqrt(norm2);
            double alpha = v[m] >= 0 ? -norm : norm;
            double vtv = 2 * norm * (norm + Math.abs(v[m]));
            v[m] -= alpha;
            double beta = 2 / vtv;
            offDiagonal[k] = alpha * scale;
            reflectors[k] = v;
            betas[k] = beta;
            double vtp = 0;
            for (int i = m; i < d; i++) {
                double[] row = a[i];
                double s = 0;
                for (int j = m; j < d; j++) {
                    s += row[j] * v[j];
                }
                p[i] = beta * s;
                vtp += v[i] * p[i];
            }
            double half = beta * vtp / 2;
            for (int i = m; i < d; i++) {
                p[i] -= half * v[i];
            }
            for (int i = m; i < d; i++) {
                double[] row = a[i];
                double vi = v[i];
                double wi = p[i];
                for (int j = m; j < d; j++) {
                    row[j] -= vi * p[j] + wi * v[j];
                }
            }
        }
        if (d >= 2) {
            offDiagonal[d - 2] = a[d - 1][d - 2];
        }
        double[] diagonal = new double[d];
        for (int i = 0; i < d; i++) {
            diagonal[i] = a[i][i];
        }
        return new Tridiagonal(diagonal, offDiagonal, accumulate(d, reflectors, betas));
    }

    /** Q = H₀ (H₁ (… H_{d−3})): H_k touches rows and columns k+1 … d−1 only. */
    private static double[][] accumulate(int d, double[][] reflectors, double[] betas) {
        double[][] q = new double[d][d];
        for (int i = 0; i < d; i++) {
            q[i][i] = 1;
        }
        double[] u = new double[d];
        for (int k = reflectors.length - 1; k >= 0; k--) {
            double[] v = reflectors[k];
            if (v == null) {
                continue;
            }
            int m = k + 1;
            java.util.Arrays.fill(u, m, d, 0.0);
            for (int i = m; i < d; i++) {
                double vi = v[i];
                double[] row = q[i];
                for (int j = m; j < d; j++) {
                    u[j] += vi * row[j];
                }
            }
            double beta = betas[k];
            for (int i = m; i < d; i++) {
                double bv = beta * v[i];
                double[] row = q[i];
                for (int j = m; j < d; j++) {
                    row[j] -= bv * u[j];
                }
            }
        }
        return q;
    }

    /** The diagonal of T (the array itself). */
    double[] diagonal() {
        return diagonal;
    }

    /** The d−1 entries T[i+1][i] (the array itself). */
    double[] offDiagonal() {
        return offDiagonal;
    }

    /** Qᵀ as a new array: row i is column i of Q. */
    double[][] transposedQ() {
        int d = diagonal.length;
        double[][] t = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[j][i] = q[i][j];
            }
        }
        return t;
    }
}
