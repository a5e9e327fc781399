package org.elbo4j.ppca;

import org.elbo4j.infer.ObjectiveTrace;
import org.elbo4j.infer.Verdict;

/**
 * The result of {@link PpcaEm}: the fitted model, how the ascent ended, the ELBO after each
 * M-step and the exact log-likelihood of the same parameters, and the self-checks of the ELBO
 * (each relative to max(1, |L|), round-off when all is well):
 *
 * @param model the parameters after the last iteration
 * @param verdict CONVERGED, MAX_STEPS, DIVERGING (the ELBO fell) or NON_FINITE
 * @param reason one sentence on the verdict
 * @param initialLogLikelihood L at the random start
 * @param elbo ELBO_t = ELBO(q_t; W_{t+1}, σ²_{t+1}), one value per iteration
 * @param logLikelihood L_t = L(W_{t+1}, σ²_{t+1}), one value per iteration (one fewer than the ELBO
 *     when the last M-step failed with σ² ≤ 0, whose ELBO is recorded as NaN; the model is then
 *     the last valid one)
 * @param largestBoundExcess max_t (ELBO_t − L_t): how far the bound ever rose above the exact value
 * @param largestAscentShortfall max_t (L_{t−1} − ELBO_t): how far an M-step ever fell short of the
 *     log-likelihood it started from
 * @param largestEStepGap max_t |ELBO(q_t; W_t, σ_t²) − L(W_t, σ_t²)|: the E-step equality
 */
public record PpcaEmFit(PpcaModel model, Verdict verdict, String reason, double initialLogLikelihood,
        ObjectiveTrace elbo, ObjectiveTrace logLikelihood, double largestBoundExcess, double largestAscentShortfall,
        double largestEStepGap) {

    /** The number of EM iterations run. */
    public int iterations() {
        return elbo.size();
    }

    /** The exact log-likelihood of the final parameters. */
    public double finalLogLikelihood() {
        return logLikelihood.size() == 0 ? initialLogLikelihood : logLikelihood.last();
    }
}
