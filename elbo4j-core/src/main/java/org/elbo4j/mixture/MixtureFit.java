package org.elbo4j.mixture;

import org.elbo4j.infer.ObjectiveTrace;
import org.elbo4j.infer.Verdict;

/**
 * The result of an EM fit: the mixture of the best restart, its responsibilities (from the E-step
 * at these parameters, so that {@code responsibilities.logNormalizer() == logLikelihood}), the
 * log-likelihood per iteration, how the ascent ended, and the k-means++ start it came from.
 *
 * @param mixture the fitted parameters
 * @param responsibilities r_nk = p(z_n = k | x_n) under {@code mixture}
 * @param logLikelihood log p(X) = Σ_n log Σ_k π_k N(x_n | μ_k, Σ_k) under {@code mixture}
 * @param trace log p(X) after each E-step (the first value is the start's)
 * @param verdict how the ascent of the best restart ended
 * @param reason one sentence on the verdict
 * @param restart the index of the best restart (from 0)
 * @param restartObjectives the final log-likelihood of every restart
 * @param start the parameters the best restart started from (k-means++ centres, one M-step)
 * @param bic −2 log p(X) + p log N
 * @param aic −2 log p(X) + 2p
 */
public record MixtureFit(GaussianMixture mixture, Responsibilities responsibilities, double logLikelihood,
        ObjectiveTrace trace, Verdict verdict, String reason, int restart, double[] restartObjectives,
        GaussianMixture start, double bic, double aic) {

    /** The number of E-steps of the best restart. */
    public int iterations() {
        return trace.size();
    }

    /** The component of largest responsibility for each point. */
    public int[] labels() {
        return responsibilities.labels();
    }
}
