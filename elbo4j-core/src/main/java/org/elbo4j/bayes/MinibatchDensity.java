package org.elbo4j.bayes;

/**
 * A {@link BayesModel} capability: the log density of the unconstrained posterior on a minibatch,
 * in double with its exact gradient, in the model's unconstrained coordinates u (as
 * {@link ExactCurvature}):
 * <pre>
 *   ℓ_B(u) = log p(f(u)) + (N/|B|) Σ_{i∈B} log p(y_i | f(u)) + log |det J_f(u)|,   g = ∇ℓ_B(u),
 * </pre>
 * the data sites scaled by {@link Minibatch#scale()}, everything else counted once; on the full
 * batch it is ℓ. With it a fit's minibatch steps run in double instead of through the model's
 * float32 tensor code ({@link UnconstrainedDensity}).
 */
public interface MinibatchDensity {

    /**
     * ℓ_B at the K rows of {@code points} (K × d, row-major) into {@code values} (length K), the
     * gradients into {@code gradients} (K × d) when it is not null.
     */
    void logDensities(double[] points, int k, Minibatch batch, double[] values, double[] gradients);
}
