/**
 * Models as functions: a {@link org.elbo4j.model.ModelFunction} draws its parameters with
 * {@code sample(name, prior)}, scores its data with {@code observe(name, distribution, data)} and
 * declares conditionally independent dimensions with {@code plate(name, size, subsampleSize)}, as
 * in Pyro and NumPyro; {@link org.elbo4j.model.FunctionModel} derives the parameters (names, shapes
 * and supports from the priors), vectorises the function over the fit's particles and scales
 * subsampled data terms by N / |B|, and compiles it to {@link org.elbo4j.bayes.BayesModel}, which
 * {@link org.elbo4j.bayes.BayesFit} fits with every guide.
 *
 * <pre>{@code
 * FunctionModel model = FunctionModel.of(m -> {
 *     Tensor mu = m.sample("mu", Normal.of(0, 10));
 *     try (Plate data = m.plate("data", y.size())) {
 *         m.observe("y", Normal.of(mu, Tensor.scalar(1)), y);
 *     }
 * });
 * FitResult r = model.fit(FitConfig.defaults());
 * }</pre>
 *
 * <p>Shapes: while a plate of size G is open, a sample site has one value per element and an
 * observe site's log-probability must have shape {@code [G]} (nested plates: one dimension each,
 * the outermost rightmost). During a fit the values carry a leading particle dimension that the
 * model never sees by name: NumPy broadcasting carries it through.
 */
package org.elbo4j.model;
