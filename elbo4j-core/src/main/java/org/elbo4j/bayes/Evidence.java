package org.elbo4j.bayes;

/**
 * An importance-sampling estimate of the log evidence with the fitted guide as proposal, and
 * how far to trust it. With S draws u_s ~ q in unconstrained space and weights
 * {@code w_s = p(D, f(u_s)) |det J_f(u_s)| / q(u_s)}:
 * <ul>
 *   <li>{@code logEvidence = log (1/S Σ w_s)} (log-mean-exp)</li>
 *   <li>{@code stderr = sd(w) / (√S · mean(w))}, the delta-method standard error of the log</li>
 *   <li>{@code ess = (Σ w)² / Σ w²}</li>
 *   <li>{@code khat}: the Pareto shape of the upper tail of the weights (PSIS, Vehtari et al.;
 *       Yao et al. 2018): below 0.5 the estimate is reliable and q is close to the posterior,
 *       0.5–0.7 usable, above 0.7 unreliable</li>
 * </ul>
 *
 * @param logEvidence log p̂(D)
 * @param stderr      its standard error (delta method)
 * @param ess         the effective sample size of the weights
 * @param khat        the Pareto k̂ of the weights
 * @param samples     S
 */
public record Evidence(double logEvidence, double stderr, double ess, double khat, int samples) {
}
