package org.elbo4j.bayes;

/**
 * The importance sample behind a fit's evidence: S draws u_s of the fitted Gaussian q with their
 * log ratios log r_s = log p(u_s, D) − log q(u_s) (up to one additive constant), the Pareto k̂ of
 * the ratios, and draws resampled by the Pareto-smoothed weights (Vehtari et al. 2024, "Pareto
 * smoothed importance sampling"; as a correction of a variational q, Yao et al. 2018, "Yes, but did
 * it work?"). The resampled draws estimate the posterior with a bias and variance that k̂ measures:
 * usable for k̂ &lt; 0.7, unreliable above (they are then kept to show how far q is from the
 * posterior, never as the posterior). The draws and log ratios are what
 * {@code infer.PsisLoo.of(logLik, logRatios)} needs for PSIS-LOO from draws of q (R's
 * {@code loo::loo_approximate_posterior}).
 *
 * @param draws     the S draws of q, one row each, in the target's coordinates
 * @param logRatios log p(u_s, D) − log q(u_s) up to a constant (length S)
 * @param khat      the Pareto k̂ of the ratios
 * @param resampled draws systematically resampled from {@code draws} by the smoothed weights
 */
public record ImportanceSample(double[][] draws, double[] logRatios, double khat, double[][] resampled) {

    /** Validates the lengths. */
    public ImportanceSample {
        if (draws.length != logRatios.length) {
            throw new IllegalArgumentException("ImportanceSample: logRatios must have one entry per draw ("
                    + draws.length + "), got " + logRatios.length);
        }
    }

    /** Whether the resampled draws may stand for the posterior: k̂ &lt; 0.7 (the limit of {@link BayesFit}). */
    public boolean reliable() {
        return khat < BayesFit.PSIS_KHAT_LIMIT;
    }
}
