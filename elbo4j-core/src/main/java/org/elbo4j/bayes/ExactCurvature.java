package org.elbo4j.bayes;

/**
 * A {@link BayesModel} capability: the full-data objective of the Laplace start with its exact
 * derivatives, in plain double, in the model's unconstrained coordinates u (the flat order of
 * {@link BayesModel#parameters()}, as in {@link UnconstrainedLayout}):
 * <pre>
 *   ℓ(u) = log p(D, f(u)) + log |det J_f(u)|,   g = ∇ℓ(u),   H = −∇²ℓ(u).
 * </pre>
 * {@link LaplaceStart} then runs Newton's method on these instead of float32 autodiff gradients
 * and finite-difference Hessians: exact curvature, and simple loops that the JIT compiles quickly
 * (a cold fit no longer pays for warming up the tensor kernels in its first phase).
 */
public interface ExactCurvature {

    /**
     * ℓ(u); also writes g into {@code gradient} (length d) and H into {@code negativeHessian}
     * (d × d) when they are not null.
     */
    double curvature(double[] u, double[] gradient, double[][] negativeHessian);
}
