package org.elbo4j.linalg;

/**
 * Implicit symmetric QR iteration with the Wilkinson shift on a symmetric tridiagonal matrix T
 * (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., Algorithms 8.3.2–8.3.3; LAPACK dsteqr).
 *
 * <p>On the unreduced block [lo, hi] (all off-diagonals e_lo … e_{hi−1} non-negligible) the shift
 * is the eigenvalue of the trailing 2×2 block closer to t_hh:
 *
 * <pre>  δ = (t_{h−1} − t_h) / 2,   μ = t_h − e_{h−1}² / (δ + sign(δ) √(δ² + e_{h−1}²))</pre>
 *
 * A Givens rotation G_lo in the plane (lo, lo+1) whose first column is ∝ (t_lo − μ, e_lo) starts
 * the step; each further rotation G_k removes the bulge T[k−1][k+1] created by the previous one.
 * T ← G_kᵀ T G_k updates the 2×2 block with c = x/r, s = −z/r (r = √(x² + z²)):
 *
 * <pre>  t_k' = c² t_k − 2cs e_k + s² t_{k+1},  t_{k+1}' = s² t_k + 2cs e_k + c² t_{k+1},
 *   e_k' = cs (t_k − t_{k+1}) + (c² − s²) e_k,  bulge' = −s e_{k+1},  e_{k+1}' = c e_{k+1}</pre>
 *
 * An off-diagonal e_i is set to zero once |e_i| ≤ ε (|t_i| + |t_{i+1}|) (ε the unit round-off),
 * and the converged trailing eigenvalue is deflated. The rotations, V ← V G_k, are applied to rows
 * of Vᵀ, so that each touches two contiguous arrays.
 */
final class TridiagonalQr {

    private static final double EPS = Math.ulp(1.0);

    private TridiagonalQr() {
    }

    /**
     * Diagonalises T in place: afterwards {@code diag} holds the eigenvalues (unsorted), {@code off}
     * is zero, and row i of {@code rows} (rows of Vᵀ on entry) has been rotated into the
     * eigenvector of {@code diag[i]}.
     */
    static void diagonalise(double[] diag, double[] off, double[][] rows) {
        int d = diag.length;
        int maxSteps = 60 * Math.max(d, 1);
        int steps = 0;
        int hi = d - 1;
        while (hi > 0) {
            if (negligible(diag, off, hi - 1)) {
                off[hi - 1] = 0;
                hi--;
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && !negligible(diag, off, lo - 1)) {
                lo--;
            }
            if (lo > 0) {
                off[lo - 1] = 0;
            }
            if (++steps > maxSteps) {
                throw new ArithmeticException("SymmetricEigen: the QR iteration did not converge in "
                        + maxSteps + " steps (d = " + d + ")");
            }
            step(diag, off, rows, lo, hi);
        }
    }

    private static boolean negligible(double[] diag, double[] off, int i) {
        double e = Math.abs(off[i]);
        return e <= EPS * (Math.abs(diag[i]) + Math.abs(diag[i + 1])) || e < Double.MIN_NORMAL;
    }

    private static void step(double[] diag, double[] off, double[][] rows, int lo, int hi) {
        double e = off[hi - 1];
        double delta = (diag[hi - 1] - diag[hi]) / 2;
        double denominator = delta + Math.copySign(Math.hypot(delta, e), delta);
        double mu = diag[hi] - (e / denominator) * e;
        double x = diag[lo] - mu;
        double z = off[lo];
        for (int k = lo; k < hi; k++) {
            double r = Math.hypot(x, z);
            double c = r == 0 ? 1 : x / r;
            double s = r == 0 ? 0 : -z / r;
            if (k > lo) {
                off[k - 1] = r;
            }
            double tk = diag[k];
            double tk1 = diag[k + 1];
            double ek = off[k];
            double cs = c * s;
            diag[k] = c * c * tk - 2 * cs * ek + s * s * tk1;
            diag[k + 1] = s * s * tk + 2 * cs * ek + c * c * tk1;
            off[k] = cs * (tk - tk1) + (c * c - s * s) * ek;
            if (k + 1 < hi) {
                z = -s * off[k + 1];
                off[k + 1] *= c;
                x = off[k];
            }
            rotate(rows[k], rows[k + 1], c, s);
        }
    }

    /** (a, b) ← (c a − s b, s a + c b). */
    private static void rotate(double[] a, double[] b, double c, double s) {
        for (int j = 0; j < a.length; j++) {
            double aj = a[j];
            double bj = b[j];
            a[j] = c * aj - s * bj;
            b[j] = s * aj + c * bj;
        }
    }
}
