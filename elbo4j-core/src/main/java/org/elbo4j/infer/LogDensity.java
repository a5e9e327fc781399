package org.elbo4j.infer;

/**
 * An unnormalised log density ℓ on ℝᵈ with its gradient, evaluated in double at K points at once:
 * the target that a variational fit, a mode search or a Laplace approximation works on. For a
 * Bayesian model in unconstrained coordinates u,
 * <pre>
 *   ℓ(u) = log p(D, f(u)) + log |det J_f(u)|,   g = ∇ℓ(u).
 * </pre>
 * Implementations: a model's exact double-precision code ({@code bayes.ExactCurvature}), the
 * tensor engine's autodiff of a model's tensor code ({@code bayes} fits of any {@code BayesModel}),
 * or any hand-written function. Capabilities beyond value and gradient are sub-interfaces:
 * {@link LogDensityHessian} for the exact Hessian.
 *
 * <p>The points are the rows of a row-major K × d array, so d = {@code points.length / k}.
 * ℓ may be −∞ (outside the support) or not finite; the caller decides what that means.
 */
@FunctionalInterface
public interface LogDensity {

    /**
     * ℓ at the K rows of {@code points} (K × d, row-major) into {@code values} (length K); the
     * gradients into {@code gradients} (K × d, row-major) when it is not null. Writes every
     * entry of both (the caller may pass arrays holding earlier numbers) and keeps no reference
     * to the arrays.
     */
    void logDensities(double[] points, int k, double[] values, double[] gradients);

    /**
     * ℓ at one point, with its gradient into {@code gradient} (length d) when it is not null.
     * Allocates (a one-element array): for occasional single evaluations, not a hot loop.
     */
    default double logDensity(double[] u, double[] gradient) {
        double[] value = new double[1];
        logDensities(u, 1, value, gradient);
        return value[0];
    }
}
