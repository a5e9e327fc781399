package org.elbo4j.dist.transform;

import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Tensor;

/**
 * A differentiable bijection x = f(u) with a differentiable inverse and the log of the absolute
 * determinant of its Jacobian, as used to change variables in a density:
 * {@code log p_X(x) = log p_U(f⁻¹(x)) − log |det ∂f/∂u|}.
 *
 * <p>A bijection acts on events of rank {@link #eventRank()} (0 for elementwise maps, 1 for maps
 * of vectors such as stick-breaking) and maps them to events of rank {@link #outputEventRank()}
 * (2 for the lower-Cholesky map of a vector onto a matrix). Leading dimensions are batch
 * dimensions: the map is applied to each event independently, and
 * {@link #logAbsDetJacobian} returns one value per event, that is the shape of {@code u} without
 * its last {@code eventRank()} dimensions (broadcast with the shapes of any tensor parameters).
 * All three methods are tensor operations, differentiable in {@code u} (or {@code x}) and in
 * the bijection's own tensor parameters.
 */
public interface Bijection {

    /** x = f(u). */
    Tensor forward(Tensor u);

    /** u = f⁻¹(x). */
    Tensor inverse(Tensor x);

    /**
     * log |det ∂f/∂u| at {@code u}, with {@code x = forward(u)} passed in so that implementations
     * may use whichever is more stable; summed over the event dimensions of the input.
     */
    Tensor logAbsDetJacobian(Tensor u, Tensor x);

    /** The rank of one input event (0: elementwise). */
    int eventRank();

    /** The rank of one output event; equal to {@link #eventRank()} unless the map changes it. */
    default int outputEventRank() {
        return eventRank();
    }

    /** The shape of {@code forward(u)} for {@code u} of the given shape. */
    default int[] forwardShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** The shape of {@code inverse(x)} for {@code x} of the given shape. */
    default int[] inverseShape(int[] outputShape) {
        return outputShape.clone();
    }

    /** The set that {@link #forward} maps onto (its image of the unconstrained domain). */
    Support codomain();
}
