package org.elbo4j.bayes;

/**
 * Exact KL divergence between two multivariate normals, for checking fitted guides against a
 * Gaussian posterior: {@code KL(N(m₀, S₀) ‖ N(m₁, S₁)) = ½ [tr(S₁⁻¹S₀) + (m₁ − m₀)ᵀ S₁⁻¹ (m₁ − m₀)
 * − d + log det S₁ − log det S₀]}.
 */
final class GaussianKl {

    private GaussianKl() {
    }

    static double of(double[] m0, double[][] s0, double[] m1, double[][] s1) {
        int d = m0.length;
        DenseCholesky c1 = DenseCholesky.of(s1);
        double[][] inv = c1.inverse();
        double trace = 0;
        double quad = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                trace += inv[i][j] * s0[j][i];
                quad += (m1[i] - m0[i]) * inv[i][j] * (m1[j] - m0[j]);
            }
        }
        return 0.5 * (trace + quad - d + c1.logDet() - DenseCholesky.of(s0).logDet());
    }

    /** KL of a fitted guide from the exact Gaussian posterior N(m, S). */
    static double ofGuide(UnconstrainedGaussian q, double[] m, double[][] s) {
        return of(q.mean(), q.covariance(), m, s);
    }

    /**
     * The smallest KL(q ‖ N(m, S)) over mean-field q: attained at q = N(m, diag(1/Λ_jj)), Λ = S⁻¹,
     * where it equals {@code ½ [Σ_j log Λ_jj − log det Λ]}.
     */
    static double optimalMeanField(double[][] precision) {
        double sumLog = 0;
        for (int j = 0; j < precision.length; j++) {
            sumLog += Math.log(precision[j][j]);
        }
        return 0.5 * (sumLog - DenseCholesky.of(precision).logDet());
    }
}
