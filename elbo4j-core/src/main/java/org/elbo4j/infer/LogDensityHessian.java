package org.elbo4j.infer;

/**
 * A {@link LogDensity} that also knows its exact Hessian, in double: with
 * <pre>
 *   ℓ(u),   g = ∇ℓ(u),   H = −∇²ℓ(u)
 * </pre>
 * a mode search runs Newton's method on the exact g and H, and a Laplace approximation
 * N(mode, H⁻¹) needs no finite differences.
 */
public interface LogDensityHessian extends LogDensity {

    /**
     * ℓ(u); also writes g into {@code gradient} (length d) and H = −∇²ℓ(u) into
     * {@code negativeHessian} (d × d) when they are not null.
     */
    double curvature(double[] u, double[] gradient, double[][] negativeHessian);

    /**
     * {@inheritDoc}
     *
     * <p>The default calls {@link #curvature} once per point; an implementation overrides it to
     * share work across points.
     */
    @Override
    default void logDensities(double[] points, int k, double[] values, double[] gradients) {
        int d = points.length / k;
        double[] u = new double[d];
        double[] g = gradients == null ? null : new double[d];
        for (int p = 0; p < k; p++) {
            System.arraycopy(points, p * d, u, 0, d);
            values[p] = curvature(u, g, null);
            if (g != null) {
                System.arraycopy(g, 0, gradients, p * d, d);
            }
        }
    }

    @Override
    default double logDensity(double[] u, double[] gradient) {
        return curvature(u, gradient, null);
    }
}
