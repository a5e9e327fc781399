package org.elbo4j.bayes;

import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.LogDensityHessian;

/**
 * The curvature of a {@link LogDensity} at a point: exact when it is a {@link LogDensityHessian},
 * otherwise by central differences of its gradient,
 * <pre>
 *   H_·i ≈ −[∇ℓ(u + h_i e_i) − ∇ℓ(u − h_i e_i)] / (2 h_i),   then   H ← (H + Hᵀ)/2,
 * </pre>
 * with u and the 2d shifted points evaluated as one batch of 2d + 1 points (one call of
 * {@link LogDensity#logDensities}: the models are vectorised over particles, so this costs about
 * one gradient of a 2d + 1-particle ELBO).
 *
 * <p>Implementation note: the steps are scale-aware. {@link #initialSteps} gives
 * {@code h_i = 10⁻³ max(1, |u_i|)}; after a first Hessian, {@link #rescale} sets
 * {@code h_i = min(1, 0.1 / √H_ii)}, a tenth of the local Laplace sd: exact for quadratic ℓ, and
 * large enough that a float32 gradient's rounding stays negligible. This is the library's one
 * finite-difference Hessian (the Laplace start, the MAP and Laplace fits).
 */
final class FiniteDifferenceHessian {

    private FiniteDifferenceHessian() {
    }

    /** {@code h_i = 10⁻³ max(1, |u_i|)}. */
    static double[] initialSteps(double[] u) {
        double[] h = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            h[i] = 1e-3 * Math.max(1, Math.abs(u[i]));
        }
        return h;
    }

    /** {@code h_i ← min(1, 0.1 / √H_ii)} where H_ii is finite and > 0; other steps stay. */
    static void rescale(double[][] negativeHessian, double[] h) {
        for (int i = 0; i < h.length; i++) {
            double c = negativeHessian[i][i];
            if (c > 0 && Double.isFinite(c)) {
                h[i] = Math.min(0.1 / Math.sqrt(c), 1.0);
            }
        }
    }

    /**
     * ℓ, ∇ℓ and H at u: exact for a {@link LogDensityHessian}, else by central differences with
     * steps h. Null when a value is not finite.
     */
    static LocalCurvature at(LogDensity target, double[] u, double[] h) {
        if (target instanceof LogDensityHessian exact) {
            return exact(exact, u);
        }
        int d = u.length;
        int k = 2 * d + 1;
        double[] points = new double[k * d];
        for (int p = 0; p < k; p++) {
            System.arraycopy(u, 0, points, p * d, d);
        }
        for (int i = 0; i < d; i++) {
            points[(1 + 2 * i) * d + i] += h[i];
            points[(2 + 2 * i) * d + i] -= h[i];
        }
        double[] values = new double[k];
        double[] g = new double[k * d];
        target.logDensities(points, k, values, g);
        if (!allFinite(g) || !Double.isFinite(values[0])) {
            return null;
        }
        double[] gradient = new double[d];
        System.arraycopy(g, 0, gradient, 0, d);
        double[][] hess = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                hess[j][i] = -(g[(1 + 2 * i) * d + j] - g[(2 + 2 * i) * d + j]) / (2 * h[i]);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double avg = 0.5 * (hess[i][j] + hess[j][i]);
                hess[i][j] = avg;
                hess[j][i] = avg;
            }
        }
        return new LocalCurvature(values[0], gradient, hess);
    }

    /** ℓ, ∇ℓ and −∇²ℓ at u from the exact code; null if not finite. */
    private static LocalCurvature exact(LogDensityHessian target, double[] u) {
        int d = u.length;
        double[] gradient = new double[d];
        double[][] hess = new double[d][d];
        double value = target.curvature(u, gradient, hess);
        return finite(new LocalCurvature(value, gradient, hess));
    }

    /** {@code c} when ℓ, ∇ℓ and H are all finite, else null. */
    static LocalCurvature finite(LocalCurvature c) {
        if (!Double.isFinite(c.value()) || !allFinite(c.gradient())) {
            return null;
        }
        for (double[] row : c.negativeHessian()) {
            if (!allFinite(row)) {
                return null;
            }
        }
        return c;
    }

    static boolean allFinite(double[] values) {
        for (double x : values) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
