package org.elbo4j.bayes;

import java.util.Optional;

/**
 * What {@link DensityFit#draws} makes of a fitted Gaussian on a plain target ℓ, as
 * {@link BayesFit} does for a model: the final ELBO with its standard error, the
 * importance-sampled {@link Evidence} (log p̂ ± se, ESS, Pareto k̂), and approximate posterior
 * draws in the target's coordinates — resampled by Pareto-smoothed importance weights when asked
 * and k̂ &lt; 0.7, else draws of the Gaussian ({@link SummarySource}).
 *
 * @param elbo       the ELBO estimate (NaN for a point mass or no evidence samples)
 * @param elboStderr its Monte Carlo standard error
 * @param evidence   the evidence, empty for a point mass or no samples
 * @param source     what the draws are
 * @param draws      the draws, one row per draw
 * @param importance the importance sample behind the evidence (draws of q, their log p/q, k̂ and
 *                   the PSIS-resampled draws whatever k̂), empty when there is no evidence
 */
public record DensityDraws(double elbo, double elboStderr, Optional<Evidence> evidence, SummarySource source,
        double[][] draws, Optional<ImportanceSample> importance) {

    /** Without an importance sample. */
    public DensityDraws(double elbo, double elboStderr, Optional<Evidence> evidence, SummarySource source,
            double[][] draws) {
        this(elbo, elboStderr, evidence, source, draws, Optional.empty());
    }
}
