package org.elbo4j.bayes.models;

import org.elbo4j.bayes.models.LinearRegression.NoisePrior;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Normal;

/**
 * The log prior of a linear regression with the log-Jacobian of {@code σ = e^t}, in double, in the
 * unconstrained coordinates {@code u = [θ, t]}:
 * <pre>
 *   log π(u) = Σ_j log N(θ_j; 0, τ²) + log p(e^t) + t
 *   half-normal: log p(σ) + t = log N⁺(σ; 0, s²) + t,   ∂/∂t = 1 − σ²/s²,   −∂²/∂t² = 2σ²/s²
 *   log-normal:  log p(σ) + t = log N(t; 0, s²),        ∂/∂t = −t/s²,       −∂²/∂t² = 1/s²
 * </pre>
 * the prior of {@link LinearRegression} (its {@link org.elbo4j.bayes.ExactCurvature}) and of the
 * distributed linear regression of elbo4j-spark.
 *
 * @param tau        the prior sd of the coefficients
 * @param noisePrior the prior of σ
 * @param scale      its scale s
 */
public record LinearPrior(double tau, NoisePrior noisePrior, double scale) {

    /** Rejects a tau or scale that is not finite and positive, or a null noise prior. */
    public static void check(String name, double tau, NoisePrior noisePrior, double scale) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException(name + ": tau must be finite and > 0, got " + tau);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(name + ": noisePriorScale must be finite and > 0, got " + scale);
        }
        if (noisePrior == null) {
            throw new IllegalArgumentException(name + ": noisePrior must not be null");
        }
    }

    /**
     * {@code value} plus log π at the point of length d at {@code off} in {@code u}; adds its gradient
     * to {@code gradient} from {@code gOff} and its negative Hessian to {@code negativeHessian} when
     * they are not null.
     */
    public double add(double[] u, int off, int d, double value, double[] gradient, int gOff, double[][] negativeHessian) {
        double v = value;
        double tau2 = tau * tau;
        for (int j = 0; j < d - 1; j++) {
            double th = u[off + j];
            v += Normal.logDensity(th, 0.0, tau);
            if (gradient != null) {
                gradient[gOff + j] -= th / tau2;
            }
            if (negativeHessian != null) {
                negativeHessian[j][j] += 1 / tau2;
            }
        }
        double t = u[off + d - 1];
        double s2 = scale * scale;
        double dt;
        double ht;
        if (noisePrior == NoisePrior.HALF_NORMAL) {
            double sigma = Math.exp(t);
            v += HalfNormal.logDensity(sigma, scale) + t;
            dt = 1 - sigma * sigma / s2;
            ht = 2 * sigma * sigma / s2;
        } else {
            v += Normal.logDensity(t, 0.0, scale);
            dt = -t / s2;
            ht = 1 / s2;
        }
        if (gradient != null) {
            gradient[gOff + d - 1] += dt;
        }
        if (negativeHessian != null) {
            negativeHessian[d - 1][d - 1] += ht;
        }
        return v;
    }
}
