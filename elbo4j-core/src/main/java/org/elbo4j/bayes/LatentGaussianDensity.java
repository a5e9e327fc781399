package org.elbo4j.bayes;

import org.elbo4j.infer.LogDensityHessian;

/**
 * A {@link LogDensityHessian} ℓ(θ, x) whose coordinates split into a few hyperparameters θ (group
 * standard deviations and correlations, dispersion parameters) and latent coordinates x
 * (coefficients and group-level effects) whose conditional posterior p(x | θ, D) is close to
 * Gaussian: a latent Gaussian model (Rue, Martino and Chopin 2009). Such a target can be fitted
 * with {@link GuideFamily#NESTED_LAPLACE}: the Laplace approximation of x given θ, θ by importance
 * sampling.
 */
public interface LatentGaussianDensity extends LogDensityHessian {

    /** The indices of θ in u, ascending, distinct, each in [0, d). */
    int[] hyperparameters();

    /**
     * Disjoint sets of latent coordinates (indices in u) between which −∇²ℓ is zero at every u, so
     * that the latent precision is block diagonal on them, bordered by the latent coordinates in
     * none ({@link BlockCholesky}); the default, none, makes the latent precision dense.
     */
    default int[][] separableLatentBlocks() {
        return new int[0][];
    }

    /**
     * ℓ(u) with its gradient, as {@link #curvature}, and −∇²ℓ of which only the entries among latent
     * coordinates are needed (the others may hold anything): what the conditional mode search
     * ({@link ConditionalMode}) evaluates. The default is {@link #curvature}.
     */
    default double latentCurvature(double[] u, double[] gradient, double[][] negativeHessian) {
        return curvature(u, gradient, negativeHessian);
    }
}
