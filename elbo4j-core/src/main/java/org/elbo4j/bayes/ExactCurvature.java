package org.elbo4j.bayes;

/**
 * A {@link BayesModel} capability: the full-data log density of the unconstrained posterior with
 * its exact derivatives, in plain double, in the model's unconstrained coordinates u (the flat
 * order of {@link BayesModel#parameters()}, as in {@link UnconstrainedLayout}):
 * <pre>
 *   ℓ(u) = log p(D, f(u)) + log |det J_f(u)|,   g = ∇ℓ(u),   H = −∇²ℓ(u).
 * </pre>
 * With it, a full-data fit runs without the tensor engine: {@link LaplaceStart} runs Newton's
 * method on the exact g and H, and the variational steps and the diagnostics evaluate ℓ and g
 * through {@link #logDensities} (simple loops that the JIT compiles within the first calls, where
 * a chain of tensor operations needs hundreds of calls to warm up). Minibatch fits still use the
 * model's tensor code.
 */
public interface ExactCurvature {

    /**
     * ℓ(u); also writes g into {@code gradient} (length d) and H into {@code negativeHessian}
     * (d × d) when they are not null.
     */
    double curvature(double[] u, double[] gradient, double[][] negativeHessian);

    /**
     * ℓ at K points, the rows of {@code points} (K × d, row-major), into {@code values} (length K);
     * their gradients into {@code gradients} (K × d, row-major) when it is not null. The default
     * calls {@link #curvature} once per point; a model overrides it to share work across points.
     */
    default void logDensities(double[] points, int k, double[] values, double[] gradients) {
        int d = points.length / k;
        double[] u = new double[d];
        double[] g = gradients == null ? null : new double[d];
        for (int p = 0; p < k; p++) {
            System.arraycopy(points, p * d, u, 0, d);
            values[p] = curvature(u, g, null);
            if (g != null) {
                System.arraycopy(g, 0, gradients, p * d, d);
            }
        }
    }
}
