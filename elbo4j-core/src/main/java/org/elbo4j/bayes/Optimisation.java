package org.elbo4j.bayes;

/**
 * The outcome of the optimisation phase of a fit, before diagnostics.
 *
 * @param verdict how it ended
 * @param reason  the numbers behind the verdict
 * @param trace   the objective per step
 * @param steps   the number of steps
 * @param guide   the fitted Gaussian in unconstrained space
 */
record Optimisation(Verdict verdict, String reason, double[] trace, int steps, UnconstrainedGaussian guide) {
}
