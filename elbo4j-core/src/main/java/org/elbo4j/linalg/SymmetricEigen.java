package org.elbo4j.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The eigen-decomposition A = V Λ Vᵀ of a real symmetric d×d matrix, in double: Λ = diag(λ₁ ≥ λ₂ ≥
 * … ≥ λ_d) and V orthogonal, column j of V the unit eigenvector of λ_j (A v_j = λ_j v_j).
 *
 * <p>Two stages (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §8.3):
 * <ol>
 *   <li>Householder tridiagonalisation A = Q T Qᵀ ({@link Tridiagonal}): for k = 0 … d−3 a
 *       reflector H_k = I − β v vᵀ maps A[k+1:, k] onto a multiple of e₁; Q = H₀ H₁ … H_{d−3} is
 *       accumulated backwards (as LAPACK dsytrd + dorgtr).</li>
 *   <li>Implicit symmetric QR steps with the Wilkinson shift on T ({@link TridiagonalQr}), chasing
 *       the bulge with Givens rotations and deflating each off-diagonal element with
 *       |e_i| ≤ ε (|t_ii| + |t_{i+1,i+1}|); the rotations are accumulated into Q (as dsteqr).</li>
 * </ol>
 * The cost is about 4d³/3 flops for the first stage and about 6d³ for the second (three rotations
 * per eigenvalue on average, each applied to d-long vectors).
 *
 * <p>Only symmetric input is accepted: entries differing from their transpose by more than
 * 1e-10·max|a_ij| are rejected; the lower triangle is the one used.
 */
public final class SymmetricEigen {

    private final double[] values;
    /** Row j is the unit eigenvector of values[j]. */
    private final double[][] vectorRows;

    private SymmetricEigen(double[] values, double[][] vectorRows) {
        this.values = values;
        this.vectorRows = vectorRows;
    }

    /**
     * Decomposes the symmetric matrix {@code a} (not modified).
     *
     * @throws IllegalArgumentException when {@code a} is empty, not square, not finite or not symmetric
     * @throws ArithmeticException in the (never observed) case that the QR iteration does not
     *     converge within 60·d steps
     */
    public static SymmetricEigen of(double[][] a) {
        int d = checkSymmetric(a);
        double[][] work = new double[d][];
        for (int i = 0; i < d; i++) {
            work[i] = a[i].clone();
            for (int j = i + 1; j < d; j++) {
                work[i][j] = a[j][i];
            }
        }
        Tridiagonal t = Tridiagonal.of(work);
        double[] diag = t.diagonal();
        double[] off = t.offDiagonal();
        double[][] rows = t.transposedQ();
        TridiagonalQr.diagonalise(diag, off, rows);
        Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> diag[i]).reversed());
        double[] values = new double[d];
        double[][] sorted = new double[d][];
        for (int j = 0; j < d; j++) {
            values[j] = diag[order[j]];
            sorted[j] = rows[order[j]];
        }
        return new SymmetricEigen(values, sorted);
    }

    /** The eigenvalues λ₁ ≥ … ≥ λ_d (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The eigenvalue λ_j (0-based, descending order). */
    public double value(int j) {
        return values[j];
    }

    /** The matrix V (d×d, a new array) whose column j is the unit eigenvector of λ_j. */
    public double[][] vectors() {
        int d = values.length;
        double[][] v = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                v[i][j] = vectorRows[j][i];
            }
        }
        return v;
    }

    /** The unit eigenvector of λ_j (column j of {@link #vectors()}, a copy). */
    public double[] vector(int j) {
        return vectorRows[j].clone();
    }

    /** The dimension d. */
    public int dimension() {
        return values.length;
    }

    private static int checkSymmetric(double[][] a) {
        if (a == null || a.length == 0) {
            throw new IllegalArgumentException("SymmetricEigen: a must be a non-empty square matrix, got "
                    + (a == null ? "null" : "0 rows"));
        }
        int d = a.length;
        double max = 0;
        for (int i = 0; i < d; i++) {
            if (a[i] == null || a[i].length != d) {
                throw new IllegalArgumentException("SymmetricEigen: a must be square (" + d + "×" + d
                        + "), row " + i + " has " + (a[i] == null ? "no" : a[i].length) + " entries");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException("SymmetricEigen: a must be finite, a[" + i + "][" + j
                            + "] = " + a[i][j]);
                }
                max = Math.max(max, Math.abs(a[i][j]));
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-10 * max) {
                    throw new IllegalArgumentException("SymmetricEigen: a must be symmetric, a[" + i + "][" + j
                            + "] = " + a[i][j] + " but a[" + j + "][" + i + "] = " + a[j][i]);
                }
            }
        }
        return d;
    }
}
