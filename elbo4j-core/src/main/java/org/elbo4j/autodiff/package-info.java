/**
 * Double-precision automatic differentiation for log-densities: a reverse-mode tape of vector
 * nodes ({@link org.elbo4j.autodiff.Tape}, {@link org.elbo4j.autodiff.Var}) in the style of Stan
 * Math, each operation one node with its forward, tangent and backward rules side by side; the
 * gradient is one reverse sweep, a Hessian-vector product one forward tangent sweep and one
 * reverse sweep of values and tangents (forward-over-reverse), the Hessian d such products.
 * {@link org.elbo4j.autodiff.TapeDensities} has the {@code dist} families' log-densities on it.
 * {@code org.elbo4j.model.FunctionModel} replays a user's tensor code on a tape to give user models
 * the exact double gradients and Hessians the built-in models have.
 *
 * <p>The package depends on {@code dist} (for the families) and on nothing in {@code tensor}'s
 * engine: its arrays are plain {@code double[]}.
 */
package org.elbo4j.autodiff;
