package org.elbo4j.bayes;

/** What a fit's posterior summaries and draws are computed from. */
public enum SummarySource {
    /** Draws of the fitted guide q. */
    GUIDE,
    /**
     * The evidence draws of q resampled by their Pareto-smoothed importance weights
     * {@code p(D, θ)/q(θ)} (PSIS, Yao et al. 2018): q corrected towards the posterior, used when
     * k̂ &lt; 0.7.
     */
    PSIS
}
