package org.elbo4j.infer;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * An estimator of the ELBO (or of a bound of the same kind) of a model and guide on a minibatch,
 * with a loss whose gradient estimates −∇ELBO. All randomness comes from {@code rng}.
 */
@FunctionalInterface
public interface ElboEstimator {

    /** One estimate on the minibatch {@code x}. */
    ElboResult estimate(Model model, Guide guide, Tensor x, RandomGenerator rng);
}
