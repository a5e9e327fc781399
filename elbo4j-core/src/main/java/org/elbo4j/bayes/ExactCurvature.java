package org.elbo4j.bayes;

import org.elbo4j.infer.LogDensityHessian;

/**
 * A {@link BayesModel} capability: the full-data log density of the unconstrained posterior with
 * its exact derivatives, in plain double, in the model's unconstrained coordinates u (the flat
 * order of {@link BayesModel#parameters()}, as in {@link UnconstrainedLayout}):
 * <pre>
 *   ℓ(u) = log p(D, f(u)) + log |det J_f(u)|,   g = ∇ℓ(u),   H = −∇²ℓ(u).
 * </pre>
 * It is the library's public double-precision target {@link LogDensityHessian} for such a model.
 * With it, a full-data fit runs without the tensor engine: {@link LaplaceStart} runs Newton's
 * method on the exact g and H, and the variational steps and the diagnostics evaluate ℓ and g
 * through {@link #logDensities} (simple loops that the JIT compiles within the first calls, where
 * a chain of tensor operations needs hundreds of calls to warm up). Minibatch fits use the
 * model's tensor code unless the model is also a {@link org.elbo4j.infer.SubsampledLogDensity}.
 */
public interface ExactCurvature extends LogDensityHessian {

    /**
     * ℓ(u); also writes g into {@code gradient} (length d) and H into {@code negativeHessian}
     * (d × d) when they are not null.
     */
    @Override
    double curvature(double[] u, double[] gradient, double[][] negativeHessian);

    /**
     * ℓ at K points, the rows of {@code points} (K × d, row-major), into {@code values} (length K);
     * their gradients into {@code gradients} (K × d, row-major) when it is not null. The default
     * calls {@link #curvature} once per point; a model overrides it to share work across points.
     */
    @Override
    default void logDensities(double[] points, int k, double[] values, double[] gradients) {
        LogDensityHessian.super.logDensities(points, k, values, gradients);
    }
}
