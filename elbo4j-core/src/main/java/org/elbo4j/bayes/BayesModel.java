package org.elbo4j.bayes;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * A Bayesian model over continuous parameters θ and N observations D:
 * {@code log p(D, θ) = log p(θ) + Σ_{n ∈ D} log p(x_n | θ)}.
 *
 * <p>A model declares its {@link #parameters()} (name, shape, support) and writes the two terms
 * with tensor operations (typically the {@code org.elbo4j.dist} families), vectorised over M
 * particles: every value it reads has a leading dimension M and both methods return shape
 * {@code [M]}. The log-likelihood sums over the rows of the {@link Minibatch} it is given; the
 * fit multiplies it by {@code N / |B|} ({@link #logJoint}). Both must be differentiable in the
 * values (they are built from tensor ops) and must not include the log-Jacobian of the
 * constraint bijections: the fit adds it.
 */
public interface BayesModel {

    /** The declared parameters, in a fixed order (the order of the unconstrained vector). */
    List<Parameter> parameters();

    /** N, the number of observations (≥ 1). */
    int observationCount();

    /** log p(θ) per particle, shape {@code [M]}. */
    Tensor logPrior(ParameterValues theta);

    /** Σ_{n ∈ B} log p(x_n | θ) per particle, shape {@code [M]}, unscaled. */
    Tensor logLikelihood(ParameterValues theta, Minibatch batch);

    /**
     * M independent draws θ ~ p(θ) from the prior, one tensor {@code [M] ++ shape} per parameter,
     * when the model can make them (used by {@link InitStrategy#priorMedian()}); empty by default.
     */
    default Optional<ParameterValues> samplePrior(RandomGenerator rng, int m) {
        return Optional.empty();
    }

    /** {@code log p(θ) + (N / |B|) Σ_{n ∈ B} log p(x_n | θ)}, shape {@code [M]}. */
    default Tensor logJoint(ParameterValues theta, Minibatch batch) {
        Tensor lik = logLikelihood(theta, batch);
        if (!batch.isFull()) {
            lik = lik.mul(Tensor.scalar(batch.scale()));
        }
        return logPrior(theta).add(lik);
    }
}
