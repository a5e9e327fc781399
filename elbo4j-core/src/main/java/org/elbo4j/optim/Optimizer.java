package org.elbo4j.optim;

import org.elbo4j.tensor.Tensor;

/**
 * A first-order optimizer: updates named parameter tensors in place from their accumulated
 * gradients ({@link Tensor#grad()}).
 *
 * <p>A training step is {@code zeroGrad(); loss.backward(); step();}. Update number k (counting
 * from 0, see {@link #stepCount()}) uses the learning rate {@code schedule.rate(k)} of its
 * {@link LrSchedule}. A parameter whose gradient is null is left unchanged by a step (its
 * optimizer state is not advanced either). Everything a restarted run needs besides the
 * parameter values is in {@link #state()}, a value that {@link #restore} puts back.
 */
public interface Optimizer {

    /** Applies one update to every parameter that has a gradient. */
    void step();

    /** Forgets every parameter's accumulated gradient. */
    void zeroGrad();

    /** The number of updates applied so far. */
    long stepCount();

    /** The learning rate the next {@link #step()} will use. */
    double learningRate();

    /** A copy of the optimizer's state (step count and per-parameter buffers). */
    OptimizerState state();

    /**
     * Replaces the state by a copy of {@code state}, saved from an optimizer of the same kind
     * over parameters of the same names and sizes.
     *
     * @throws IllegalArgumentException naming what does not match
     */
    void restore(OptimizerState state);
}
