package org.elbo4j.infer;

import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * A latent-variable model p(x, z) = p(z) p(x | z), known through its log joint density.
 *
 * <p>Latents are local: one z per data point. For a minibatch x of B points the guide's batch
 * shape is the minibatch shape and a draw of L particles has shape {@code [L] ++ batch ++ event};
 * {@link #logJoint} returns log p(x_i, z_{l,i}) of shape {@code [L] ++ batch}. A single
 * observation is a batch of shape {@code []}.
 */
public interface Model {

    /** The prior p(z), whose {@code logProb} broadcasts over particle and batch dimensions. */
    Distribution prior();

    /**
     * log p(x, z) = log p(z) + log p(x | z), shape {@code [L] ++ batch}, differentiable in the model's
     * parameters and in z.
     */
    Tensor logJoint(Tensor x, Tensor z);
}
