/**
 * Dense linear-algebra kernels in double precision on row-major arrays with offsets: the one
 * Cholesky factorisation and the one triangular solve of the library. They depend on nothing
 * else in elbo4j, so that both the float32 tensor operations
 * ({@code org.elbo4j.tensor.Decompositions}) and the double-precision code of the Bayesian fits
 * ({@code org.elbo4j.bayes.DenseCholesky}) and of the Gaussian MLE build on the same loops.
 *
 * <p>Layout: an n×n matrix M at offset {@code o} of an array {@code m} has entry (i, j) at
 * {@code m[o + i·n + j]}; an n×k block likewise at {@code m[o + i·k + j]}.
 */
package org.elbo4j.linalg;
