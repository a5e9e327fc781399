package org.elbo4j.regression;

/**
 * The first and second derivatives of the correlation Cholesky factor L(u) of {@link CorrCholesky}
 * in its K(K−1)/2 coordinates. Row i of L depends only on row i's coordinates u_i0 … u_i,i−1; with
 * t_m = tanh u_im, c_m = 1 − t_m² (so dt_m/du = c_m, d log sech u_im/du = −t_m,
 * d²t_m/du² = −2 t_m c_m, d² log sech u_im/du² = −c_m) and E_j = e^{S_ij}:
 * <pre>
 *   L_ij = t_j E_j (j &lt; i),   L_ii = E_i,   ∂E_j/∂u_im = −t_m E_j [m &lt; j], so
 *   ∂L_ij/∂u_im = c_j E_j [m = j] − t_m L_ij [m &lt; j]
 *   ∂²L_ij/∂u_im ∂u_in = −2 t_j c_j E_j [m = n = j] − t_n c_j E_j [m = j, n &lt; j]
 *                        + (t_m t_n − c_m [m = n]) L_ij [m, n &lt; j]
 * </pre>
 * (L_ii the case j = i with t_i and c_i replaced by 1 and 0: only the last line remains). Derivatives
 * in coordinates of different rows vanish.
 */
final class CorrCholeskyDerivatives {

    /** ∂L/∂u_a, a = 0 … A−1 (local coordinate index), each K × K. */
    final double[][][] first;
    /** ∂²L/∂u_a∂u_b, nonzero only when a and b belong to the same row of L. */
    final double[][][][] second;

    private CorrCholeskyDerivatives(double[][][] first, double[][][][] second) {
        this.first = first;
        this.second = second;
    }

    /** The derivatives at {@code u[from .. from + K(K−1)/2)}, L = {@code l} ({@link CorrCholesky#forward}). */
    static CorrCholeskyDerivatives of(double[] u, int from, int k, double[][] l) {
        int size = CorrCholesky.size(k);
        double[][][] first = new double[size][k][k];
        double[][][][] second = new double[size][size][k][k];
        int rowStart = 0;
        for (int i = 1; i < k; i++) {
            double[] t = new double[i];
            double[] c = new double[i];
            double[] e = new double[i + 1];
            double s = 0;
            for (int m = 0; m < i; m++) {
                t[m] = Math.tanh(u[from + rowStart + m]);
                c[m] = 1 - t[m] * t[m];
                e[m] = Math.exp(s);
                s += CorrCholesky.logSech(u[from + rowStart + m]);
            }
            e[i] = Math.exp(s);
            for (int j = 0; j <= i; j++) {
                double tj = j < i ? t[j] : 1;
                double cj = j < i ? c[j] : 0;
                for (int m = 0; m < i; m++) {
                    double d1 = m == j ? cj * e[j] : m < j ? -t[m] * l[i][j] : 0;
                    first[rowStart + m][i][j] = d1;
                    for (int n = 0; n < i; n++) {
                        double d2 = 0;
                        if (m == j && n == j) {
                            d2 = -2 * tj * cj * e[j];
                        } else if (m == j && n < j) {
                            d2 = -t[n] * cj * e[j];
                        } else if (n == j && m < j) {
                            d2 = -t[m] * cj * e[j];
                        } else if (m < j && n < j) {
                            d2 = (t[m] * t[n] - (m == n ? c[m] : 0)) * l[i][j];
                        }
                        second[rowStart + m][rowStart + n][i][j] = d2;
                    }
                }
            }
            rowStart += i;
        }
        return new CorrCholeskyDerivatives(first, second);
    }
}
