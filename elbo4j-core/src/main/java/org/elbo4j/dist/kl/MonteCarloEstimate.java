package org.elbo4j.dist.kl;

/**
 * A Monte Carlo estimate of KL(p || q).
 *
 * @param value the mean of {@code log p(x_i) − log q(x_i)} over the draws x_i ~ p (+∞ when some
 *     draw has q-density 0)
 * @param stderr the sample standard deviation of those terms divided by sqrt(samples) (NaN when
 *     {@code value} is not finite)
 * @param samples the number of draws
 */
public record MonteCarloEstimate(double value, double stderr, int samples) {
}
