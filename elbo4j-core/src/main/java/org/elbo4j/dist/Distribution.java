package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * A batch of probability distributions over tensors, known through its log-density.
 *
 * <p>Shapes follow torch.distributions: a sample has shape {@code sampleShape ++ batchShape ++
 * eventShape}; {@link #logProb} sums over the event dimensions and returns
 * {@code sampleShape ++ batchShape}. Parameters are tensors and may require gradients, in which
 * case {@link #logProb} (and {@code rsample} for {@link Reparameterizable} families) is
 * differentiable in them.
 */
public interface Distribution {

    /** log p(x), computed directly in log space (never as log of the density). */
    Tensor logProb(Tensor x);

    /** Draws {@code sampleShape ++ batchShape ++ eventShape} values (not differentiable). */
    Tensor sample(RandomGenerator rng, int... sampleShape);

    /** The shape of the batch of independent distributions. */
    int[] batchShape();

    /** The shape of one draw from one distribution of the batch ({@code []} for scalars). */
    int[] eventShape();

    /** E[x], shape {@code batchShape ++ eventShape}. */
    Tensor mean();

    /** Var[x] elementwise, shape {@code batchShape ++ eventShape}. */
    Tensor variance();

    /** The set of values with positive density. */
    Support support();
}
