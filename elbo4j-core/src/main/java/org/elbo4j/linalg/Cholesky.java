package org.elbo4j.linalg;

/**
 * The Cholesky factorisation A = L Lᵀ of a symmetric positive-definite n×n matrix, in double,
 * row by row (Cholesky–Banachiewicz):
 *
 * <pre>  L_ij = (A_ij − Σ_{k&lt;j} L_ik L_jk) / L_jj   (j &lt; i)
 *   L_ii = √(A_ii − Σ_{k&lt;i} L_ik²)</pre>
 *
 * <p>Only the lower triangle of A (including the diagonal) is read, and only the lower triangle
 * of L is written: the caller zeroes the upper triangle of L if it needs a full matrix. A and L
 * may be the same array at the same offset (the factorisation then runs in place, since each
 * A_ij is read just before L_ij overwrites it).
 */
public final class Cholesky {

    private Cholesky() {
    }

    /**
     * Factors the n×n matrix at {@code a[aOffset…]} into the lower triangle of the n×n matrix at
     * {@code l[lOffset…]}.
     *
     * <p>A pivot {@code s = A_ii − Σ_{k<i} L_ik²} is accepted when it is finite and
     * {@code s > relativePivotFloor · max(A_ii, Double.MIN_NORMAL)}; with a floor of 0 this is
     * the plain test {@code s > 0}, with a small positive floor (such as 1e-12) it also rejects
     * matrices that are singular to rounding.
     *
     * @return −1 when A is positive definite; otherwise the index i of the first rejected pivot,
     *     whose value s is then left in {@code l[lOffset + i·n + i]} (rows below i are not
     *     written)
     */
    public static int factor(double[] a, int aOffset, double[] l, int lOffset, int n, double relativePivotFloor) {
        for (int i = 0; i < n; i++) {
            int rowA = aOffset + i * n;
            int rowL = lOffset + i * n;
            for (int j = 0; j <= i; j++) {
                int rowJ = lOffset + j * n;
                double s = a[rowA + j];
                for (int k = 0; k < j; k++) {
                    s -= l[rowL + k] * l[rowJ + k];
                }
                if (i == j) {
                    double floor = relativePivotFloor * Math.max(a[rowA + i], Double.MIN_NORMAL);
                    if (!(s > floor) || !Double.isFinite(s)) {
                        l[rowL + i] = s;
                        return i;
                    }
                    l[rowL + i] = Math.sqrt(s);
                } else {
                    l[rowL + j] = s / l[rowJ + j];
                }
            }
        }
        return -1;
    }
}
