package org.elbo4j.bayes;

/**
 * A {@link BayesModel} capability: the Gaussian expectations of the unconstrained log density
 * ℓ(u) = log p(D, u) (identity bijections: every coordinate unconstrained) under
 * {@code q = N(m, S)}, {@code S = L Lᵀ}, exactly (up to quadrature error of 1e−10), with the
 * derivatives the Gaussian variational fixed point needs:
 * <pre>
 *   E(m, S) = E_q[ℓ(u)],   g = ∇_m E = E_q[∇ℓ(u)],   P = −2 ∇_S E = −E_q[∇²ℓ(u)]
 * </pre>
 * (Bonnet's and Price's theorems; Opper &amp; Archambeau 2009, "The variational Gaussian
 * approximation revisited"). For a model whose likelihood depends on each row only through a
 * linear predictor {@code η_n = z_nᵀu}, η_n ~ N(z_nᵀm, z_nᵀ S z_n) under q, so each term is a
 * one-dimensional integral. {@link NaturalGradientLoop} iterates on these
 * ({@link OptimizerKind#NATURAL}).
 */
public interface GaussianExpectations {

    /**
     * E_q[ℓ] for q = N(m, L Lᵀ) ({@code lower} the lower-triangular factor L, d × d); writes g into
     * {@code gradient} (length d) and P into {@code negativeHessian} (d × d) when they are not null.
     *
     * @throws IllegalArgumentException if the lengths do not match the model's d
     */
    double expectations(double[] mean, double[][] lower, double[] gradient, double[][] negativeHessian);

    /**
     * {@code value} plus the expectation of the prior Σ_j log N(u_j; 0, τ²) under N(m, L Lᵀ):
     * <pre>
     *   Σ_j [log N(m_j; 0, τ²) − S_jj / (2τ²)],   S_jj = Σ_k L_jk²,
     * </pre>
     * adding −m/τ² to {@code gradient} and I/τ² to {@code negativeHessian} when they are not null.
     */
    static double addNormalPrior(double[] mean, double[][] lower, double tau, double value, double[] gradient,
            double[][] negativeHessian) {
        double t2 = tau * tau;
        double logNorm = -0.5 * Math.log(2 * Math.PI * t2);
        for (int j = 0; j < mean.length; j++) {
            double sjj = 0;
            for (int k = 0; k <= j; k++) {
                sjj += lower[j][k] * lower[j][k];
            }
            value += logNorm - (mean[j] * mean[j] + sjj) / (2 * t2);
            if (gradient != null) {
                gradient[j] -= mean[j] / t2;
            }
            if (negativeHessian != null) {
                negativeHessian[j][j] += 1 / t2;
            }
        }
        return value;
    }
}
