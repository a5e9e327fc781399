package org.elbo4j.dist.mle;

import org.elbo4j.linalg.Cholesky;

/**
 * The closed-form maximum-likelihood fit of a multivariate Gaussian to rows of data:
 * {@code μ = (1/N) Σ_i x_i}, {@code Σ = (1/N) Σ_i (x_i − μ)(x_i − μ)ᵀ}, and the maximised
 * log-likelihood {@code Σ_i log N(x_i; μ, Σ) = −(N/2)(d log 2π + log|Σ| + d)} (the Mahalanobis
 * terms add up to {@code N·d} at the fit).
 *
 * <p>Implementation note: everything is computed in double, the mean and the centred
 * cross-products in two passes (no {@code E[x²] − E[x]²} cancellation), and {@code log|Σ|} as
 * {@code 2 Σ_j log L_jj} from the Cholesky factor {@code Σ = L Lᵀ}.
 */
public final class GaussianMle {

    private GaussianMle() {
    }

    /**
     * A fitted Gaussian.
     *
     * @param mean μ, length d
     * @param covariance Σ with the 1/N normalisation, d × d
     * @param logLikelihood Σ_i log N(x_i; μ, Σ) at the fit
     */
    public record Fit(double[] mean, double[][] covariance, double logLikelihood) {
    }

    /**
     * Fits rows {@code data[i]} (N rows of d values each).
     *
     * @throws IllegalArgumentException on no rows, ragged rows, a non-finite value (naming its row
     *     and column, counted from 0), or a singular sample covariance (where the likelihood is
     *     unbounded)
     */
    public static Fit fit(double[][] data) {
        int n = data.length;
        if (n == 0) {
            throw new IllegalArgumentException("GaussianMle: data must have at least one row, got none");
        }
        int d = data[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("GaussianMle: rows must have at least one value, row 0 has none");
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            if (data[i].length != d) {
                throw new IllegalArgumentException("GaussianMle: row " + i + " has " + data[i].length
                        + " values, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                double v = data[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("GaussianMle: value at row " + i + ", column " + j
                            + " must be finite, got " + v);
                }
                mean[j] += v;
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int j = 0; j < d; j++) {
                for (int k = 0; k <= j; k++) {
                    cov[j][k] += c[j] * c[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k <= j; k++) {
                cov[j][k] /= n;
                cov[k][j] = cov[j][k];
            }
        }
        double logDet = logDeterminant(cov, n);
        double logLik = -0.5 * n * (d * Math.log(2 * Math.PI) + logDet + d);
        return new Fit(mean, cov, logLik);
    }

    /**
     * log|A| = 2 Σ log L_jj of a symmetric positive-definite matrix by Cholesky; rejects an A that
     * is singular to rounding (a pivot ≤ 1e-12 · A_jj).
     */
    static double logDeterminant(double[][] a, int rows) {
        int d = a.length;
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], 0, l, i * d, i + 1);
        }
        int j = Cholesky.factor(l, 0, l, 0, d, 1e-12);
        if (j >= 0) {
            throw new IllegalArgumentException("GaussianMle: the sample covariance of " + rows + " rows in "
                    + d + " columns is singular (column " + j + " is constant or a linear combination of"
                    + " earlier columns), so the likelihood is unbounded");
        }
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += 2 * Math.log(l[i * d + i]);
        }
        return logDet;
    }
}
