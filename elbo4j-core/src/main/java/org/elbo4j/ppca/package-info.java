/**
 * Probabilistic principal component analysis (Tipping &amp; Bishop, "Probabilistic principal
 * component analysis", J. R. Statist. Soc. B 61(3), 1999): the latent-variable model
 *
 * <pre>  z ~ N(0, I_q),   x | z ~ N(W z + μ, σ² I_d),   so   x ~ N(μ, C),  C = W Wᵀ + σ² I</pre>
 *
 * with its closed-form maximum-likelihood solution ({@link org.elbo4j.ppca.PpcaClosedForm}), the
 * exact log-likelihood of any parameters ({@link org.elbo4j.ppca.PpcaModel}), and an EM fit of the
 * same model ({@link org.elbo4j.ppca.PpcaEm}) written as coordinate ascent on the evidence lower
 * bound ({@link org.elbo4j.ppca.PpcaElbo}): the E-step sets q(z_n) to the exact posterior, which
 * makes the ELBO equal the log-likelihood, and the M-step raises the ELBO with q held fixed. The
 * ELBO therefore never exceeds the exact log-likelihood, and the EM fit can be checked against
 * the closed form on real data of any size.
 *
 * <p>Everything is computed from the sample moments x̄ and S ({@link org.elbo4j.linalg.Covariance}):
 * the log-likelihood, the EM updates and the ELBO are sums over points that depend on the data
 * only through them.
 */
package org.elbo4j.ppca;
