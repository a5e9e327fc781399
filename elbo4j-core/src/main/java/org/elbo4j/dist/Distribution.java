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
 *
 * <p>Values outside the support, one rule for every family: {@link #logProb} is −∞ at an event
 * that {@link #support()}{@code .check} puts outside the support (a negative value for a
 * positive family, 0.5 for a Bernoulli, ±∞ for a real one, a vector off the simplex for a
 * Dirichlet), never NaN and never an exception, and its gradient with respect to the
 * parameters there is 0 (families whose formula already gives −∞ at ±∞, such as Normal, may
 * give an infinite gradient there instead). An event holding a NaN gives NaN: NaN is not a value
 * outside the support but no value at all. Values whose shape does not fit the batch and event
 * shapes are still rejected with an {@link IllegalArgumentException}. Families implement the
 * rule with {@link OutsideSupport}.
 *
 * <p>Parameter checks: the factories ({@code of(…)}) reject parameter values outside their
 * domain with an {@link IllegalArgumentException} naming the family, the parameter, the
 * constraint and the value. The check is on by default and can be switched off on the current
 * thread for a scope with {@link Validation#off()} (a fit whose parameters are valid by
 * construction may do so to skip reading every element).
 */
public interface Distribution {

    /**
     * log p(x), computed directly in log space (never as log of the density); −∞ for an event
     * outside the support, NaN for an event holding a NaN.
     */
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
