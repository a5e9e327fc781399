/**
 * Dense linear-algebra kernels in double precision on row-major arrays with offsets: the one
 * Cholesky factorisation and the one triangular solve of the library, the symmetric
 * eigen-decomposition ({@code SymmetricEigen}, on {@code double[][]}), the sample covariance and
 * PCA built on it. They depend on nothing else in elbo4j but the thread pool
 * {@code org.elbo4j.tensor.kernel.Parallel}, so that both the float32 tensor operations
 * ({@code org.elbo4j.tensor.Decompositions}) and the double-precision code of the Bayesian fits
 * ({@code org.elbo4j.bayes.DenseCholesky}) and of the Gaussian MLE build on the same loops.
 *
 * <p>Layout: an n×n matrix M at offset {@code o} of an array {@code m} has entry (i, j) at
 * {@code m[o + i·n + j]}; an n×k block likewise at {@code m[o + i·k + j]}.
 */
package org.elbo4j.linalg;
