package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * How far the float32 autodiff gradient of a model written with the model API is from the exact
 * gradient in double, on the hierarchical Poisson regression ({@link PoissonRegressionCase},
 * N = 2000) at 5 points around the truth in unconstrained space
 * u = (mu, log sigma, beta, alpha_1..8). The exact gradient, by hand:
 * <pre>
 *   ∂/∂mu = −mu + Σ_g (alpha_g − mu)/sigma²,      ∂/∂log sigma = 1 − sigma + Σ_g [(alpha_g − mu)²/sigma² − 1],
 *   ∂/∂beta = −beta + Σ_n (y_n − e^{eta_n}) x_n,   ∂/∂alpha_g = −(alpha_g − mu)/sigma² + Σ_{n in g} (y_n − e^{eta_n}).
 * </pre>
 * Measured (JDK 17, run with {@code -Delbo4j.report=true}): max over the points of
 * ‖g32 − g64‖∞ / ‖g64‖∞ = 6.2e−7, of the worst component's |g32_i − g64_i| / |g64_i| = 5.3e−6
 * (absolute 1.9e−4 on gradients of order 10²), the log density to 3e−8 relative (the Poisson
 * log-mass is evaluated in double and reductions accumulate in double). The bounds asserted, 1e−4
 * and 1e−5, leave margin for other JDKs and vector widths, and fail for a gradient that is wrong
 * rather than rounded.
 */
class Float32GradientAccuracyTest {

    static final PoissonRegressionCase CASE = new PoissonRegressionCase(2000, 5);

    /** The exact ℓ(u) in double; the gradient into {@code g}. */
    static double exact(double[] u, double[] g) {
        int groups = PoissonRegressionCase.G;
        double mu = u[0];
        double s = u[1];
        double sigma = Math.exp(s);
        double beta = u[2];
        double lp = -0.5 * mu * mu - 0.5 * Math.log(2 * Math.PI) - sigma + s - 0.5 * beta * beta
                - 0.5 * Math.log(2 * Math.PI);
        g[0] = -mu;
        g[1] = 1 - sigma;
        g[2] = -beta;
        for (int k = 0; k < groups; k++) {
            double r = u[3 + k] - mu;
            lp += -0.5 * r * r / (sigma * sigma) - s - 0.5 * Math.log(2 * Math.PI);
            g[0] += r / (sigma * sigma);
            g[1] += r * r / (sigma * sigma) - 1;
            g[3 + k] = -r / (sigma * sigma);
        }
        double[] x = CASE.x.toDoubleArray();
        double[] y = CASE.y.toDoubleArray();
        for (int n = 0; n < CASE.n; n++) {
            int k = CASE.group[n];
            double eta = u[3 + k] + beta * x[n];
            double rate = Math.exp(eta);
            lp += y[n] * eta - rate - LogGamma.value(y[n] + 1);
            g[2] += (y[n] - rate) * x[n];
            g[3 + k] += y[n] - rate;
        }
        return lp;
    }

    /** A point near the simulated truth in unconstrained space (mu, log sigma, beta, alpha_1..8). */
    static double[] pointNearTruth(Rng rng, int d) {
        double[] u = new double[d];
        u[0] = PoissonRegressionCase.MU + 0.1 * rng.nextGaussian();
        u[1] = Math.log(PoissonRegressionCase.SIGMA) + 0.1 * rng.nextGaussian();
        u[2] = PoissonRegressionCase.BETA + 0.05 * rng.nextGaussian();
        for (int k = 0; k < PoissonRegressionCase.G; k++) {
            u[3 + k] = CASE.alpha[k] + 0.05 * rng.nextGaussian();
        }
        return u;
    }

    @Test
    void theFloat32GradientIsWithinRoundOffOfTheExactOne() {
        FunctionModel model = FunctionModel.of(CASE.function(CASE.n));
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        int d = layout.dim();
        Rng rng = Rng.of(8);
        double worstGradient = 0;
        double worstValue = 0;
        double worstComponent = 0;
        double worstAbsolute = 0;
        for (int p = 0; p < 5; p++) {
            double[] u = pointNearTruth(rng, d);
            double[] g64 = new double[d];
            double v64 = exact(u, g64);
            // the point as float32, as the fit evaluates it; the double reference at the same rounded point
            float[] uf = new float[d];
            for (int i = 0; i < d; i++) {
                uf[i] = (float) u[i];
                u[i] = uf[i];
            }
            v64 = exact(u, g64);
            Tensor t = Tensor.of(uf, 1, d).requiresGrad(true);
            UnconstrainedLayout.Constrained c = layout.constrain(t);
            Tensor v32 = model.logJoint(c.values(), Minibatch.full(1)).add(c.logAbsDetJacobian());
            v32.sum().backward();
            float[] g32 = t.grad().data();
            double norm = 0;
            double diff = 0;
            for (int i = 0; i < d; i++) {
                norm = Math.max(norm, Math.abs(g64[i]));
                diff = Math.max(diff, Math.abs(g32[i] - g64[i]));
                worstComponent = Math.max(worstComponent, Math.abs(g32[i] - g64[i]) / Math.abs(g64[i]));
            }
            worstAbsolute = Math.max(worstAbsolute, diff);
            worstGradient = Math.max(worstGradient, diff / norm);
            worstValue = Math.max(worstValue, Math.abs(v32.item() - v64) / Math.abs(v64));
        }
        if (Boolean.getBoolean("elbo4j.report")) {
            System.out.printf("float32 vs double: gradient %.3g (max-norm relative), %.3g (worst component,"
                    + " relative), %.3g (absolute); log density %.3g%n", worstGradient, worstComponent, worstAbsolute,
                    worstValue);
        }
        assertTrue(worstGradient < 1e-4, "gradient relative error " + worstGradient);
        assertTrue(worstValue < 1e-5, "log density relative error " + worstValue);
    }
}
