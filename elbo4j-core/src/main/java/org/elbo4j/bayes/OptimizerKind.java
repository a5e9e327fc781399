package org.elbo4j.bayes;

/** The stochastic optimiser of a variational fit. */
public enum OptimizerKind {
    /** Adam (Kingma &amp; Ba 2015) at the configured learning rate (the default). */
    ADAM,
    /**
     * Stan's ADVI step-size sequence (Kucukelbir et al. 2017, eq. 10):
     * {@code ρ_k = η · k^(−1/2 + ε) / (τ + √s_k)}, {@code s_k = α g_k² + (1 − α) s_{k−1}},
     * α = 0.1, τ = 1, ε = 1e−16, s₁ = g₁², with η chosen by trying each of {100, 10, 1, 0.1, 0.01}
     * for a short adaptation run and keeping the one with the best ELBO.
     */
    STAN_ADAPTIVE
}
