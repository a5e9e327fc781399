package org.elbo4j.infer;

/**
 * Pareto-smoothed importance log-weights and the shape k̂ of the generalized Pareto tail they
 * were smoothed with ({@link ParetoK#smooth}; Vehtari, Simpson, Gelman, Yao &amp; Gabry 2024).
 *
 * @param logWeights the smoothed log-weights, unnormalised, in the order of the input
 * @param k the Pareto shape k̂ of the tail fit (−∞ for a degenerate, flat tail)
 */
public record ParetoSmoothed(double[] logWeights, double k) {
}
