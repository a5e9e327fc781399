package org.elbo4j.bayes;

/**
 * ℓ, g = ∇ℓ and H = −∇²ℓ at one point, all finite.
 *
 * @param value           ℓ(u)
 * @param gradient        ∇ℓ(u)
 * @param negativeHessian −∇²ℓ(u), symmetric
 */
record LocalCurvature(double value, double[] gradient, double[][] negativeHessian) {
}
