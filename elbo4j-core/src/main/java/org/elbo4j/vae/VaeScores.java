package org.elbo4j.vae;

import org.elbo4j.infer.ParetoKSummary;

/**
 * Evaluation results of a {@link Vae} on a data set (nats per example).
 *
 * @param n the number of examples
 * @param elbo the mean ELBO {@code E_q[log p(x | z)] − KL(q(z | x) ‖ p(z))}, one sample per example
 * @param iwae the mean importance-weighted bound {@code log (1/K) Σ_k p(x, z_k)/q(z_k | x)}, an
 *     estimate of {@code log p(x)} that tightens as K grows (NaN when not computed)
 * @param iwaeK K
 * @param iwaeStderr the standard error of {@code iwae} over examples, {@code sd/√n}
 * @param activeUnits the number of latent dimensions j with {@code Cov_x(E_q[z_j]) > 0.01}
 *     (Burda et al., 2016)
 * @param klPerDim the mean over examples of each dimension's KL term
 *     {@code ½(μ_j² + σ_j² − 1 − log σ_j²)}
 * @param seconds the wall-clock time of the evaluation
 * @param paretoK the Pareto k̂ of each example's K importance log-weights, summarised over the
 *     examples (mean, max, how many above 0.7); {@link ParetoKSummary#NONE} when K &lt; 25 or the
 *     IWAE was not computed. k̂ &gt; 0.7 says the IWAE estimate of that example's log p(x) is
 *     unreliable: q(z | x) misses much of the posterior's mass.
 */
public record VaeScores(int n, double elbo, double iwae, int iwaeK, double iwaeStderr, int activeUnits,
        double[] klPerDim, double seconds, ParetoKSummary paretoK) {
}
