package org.elbo4j.infer;

import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * The variational family q_φ(z | x): for a minibatch x, a distribution over its latents whose
 * batch shape is the minibatch shape (amortized: an encoder of x; non-amortized: ignores x).
 * Pathwise estimators need a {@link org.elbo4j.dist.Reparameterizable} result; the
 * {@link ScoreFunctionElbo} takes any.
 */
@FunctionalInterface
public interface Guide {

    /** q(z | x), differentiable in the guide's parameters. */
    Distribution posterior(Tensor x);
}
