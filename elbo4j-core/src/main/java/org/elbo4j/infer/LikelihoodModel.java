package org.elbo4j.infer;

import org.elbo4j.tensor.Tensor;

/**
 * A {@link Model} whose likelihood p(x | z) is available on its own, as needed by the
 * reconstruction − KL form of the ELBO ({@link AnalyticKlElbo}).
 */
public interface LikelihoodModel extends Model {

    /** log p(x | z), shape {@code [L] ++ batch} for z of shape {@code [L] ++ batch ++ event}. */
    Tensor logLikelihood(Tensor x, Tensor z);

    /** {@code log p(x, z) = log p(z) + log p(x | z)}. */
    @Override
    default Tensor logJoint(Tensor x, Tensor z) {
        return prior().logProb(z).add(logLikelihood(x, z));
    }
}
