package org.elbo4j.bayes;

/** The optimiser of a variational fit: stochastic (ADAM, STAN_ADAPTIVE) or exact (NATURAL). */
public enum OptimizerKind {
    /** Adam (Kingma &amp; Ba 2015) at the configured learning rate (the default). */
    ADAM,
    /**
     * Stan's ADVI step-size sequence (Kucukelbir et al. 2017, eq. 10):
     * {@code ρ_k = η · k^(−1/2 + ε) / (τ + √s_k)}, {@code s_k = α g_k² + (1 − α) s_{k−1}},
     * α = 0.1, τ = 1, ε = 1e−16, s₁ = g₁², with η chosen by trying each of {100, 10, 1, 0.1, 0.01}
     * for a short adaptation run and keeping the one with the best ELBO.
     */
    STAN_ADAPTIVE,
    /**
     * Exact natural-gradient (fixed-point) steps of a full-rank Gaussian on the full data, for a
     * model with {@link GaussianExpectations} ({@link NaturalGradientLoop}: Opper &amp; Archambeau
     * 2009, Khan &amp; Lin 2017); no random numbers, one pass over the data per step.
     */
    NATURAL
}
