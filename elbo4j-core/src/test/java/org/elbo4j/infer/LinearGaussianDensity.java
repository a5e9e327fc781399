package org.elbo4j.infer;

import java.util.List;
import java.util.Random;
import org.elbo4j.bayes.DenseCholesky;
import org.elbo4j.bayes.FullRankGuide;
import org.elbo4j.bayes.GaussianGuide;
import org.elbo4j.bayes.LowRankGuide;
import org.elbo4j.bayes.MeanFieldGuide;
import org.elbo4j.bayes.UnconstrainedGaussian;

/**
 * {@link LinearGaussian} in double for the double-precision estimators: the log joint
 * {@code ℓ(z) = log N(x; W z + b, σ² I) + log N(z; 0, I)} (or the log-likelihood alone) with its
 * gradient {@code Wᵀ(x − b − W z)/σ² (− z)}, and helpers shared by the estimator tests.
 */
final class LinearGaussianDensity {

    private LinearGaussianDensity() {
    }

    /** ℓ of the observation {@link LinearGaussian#X}, with the N(0, I) prior when {@code withPrior}. */
    static LogDensity of(boolean withPrior) {
        double[][] w = LinearGaussian.W;
        double[] b = LinearGaussian.B;
        double[] x = LinearGaussian.X;
        double s2 = LinearGaussian.SIGMA * LinearGaussian.SIGMA;
        int n = w.length;
        int d = w[0].length;
        return (points, k, values, gradients) -> {
            for (int p = 0; p < k; p++) {
                double l = -0.5 * n * Math.log(2 * Math.PI * s2);
                double[] g = new double[d];
                for (int i = 0; i < n; i++) {
                    double r = x[i] - b[i];
                    for (int j = 0; j < d; j++) {
                        r -= w[i][j] * points[p * d + j];
                    }
                    l -= r * r / (2 * s2);
                    for (int j = 0; j < d; j++) {
                        g[j] += w[i][j] * r / s2;
                    }
                }
                if (withPrior) {
                    l -= 0.5 * d * Math.log(2 * Math.PI);
                    for (int j = 0; j < d; j++) {
                        double z = points[p * d + j];
                        l -= 0.5 * z * z;
                        g[j] -= z;
                    }
                }
                values[p] = l;
                if (gradients != null) {
                    System.arraycopy(g, 0, gradients, p * d, d);
                }
            }
        };
    }

    /** The three families at a start away from the posterior, with λ jittered by {@code seed}. */
    static List<GaussianGuide> guides(long seed) {
        Random r = new Random(seed);
        double[] init = {0.4, -0.7};
        List<GaussianGuide> guides = List.of(MeanFieldGuide.of(init, 0.6), FullRankGuide.of(init, 0.6),
                LowRankGuide.of(init, 1, new Random(seed + 1), 0.6));
        for (GaussianGuide g : guides) {
            double[] lambda = g.params();
            for (int i = 0; i < lambda.length; i++) {
                lambda[i] += 0.2 * r.nextGaussian();
            }
        }
        return guides;
    }

    /**
     * log N(v; μ, Σ) of the guide's current q from its covariance by a Cholesky factor Σ = L Lᵀ:
     * {@code −½ ||L⁻¹(v − μ)||² − ½ log det Σ − (d/2) log 2π} (independent of the guide's own code).
     */
    static double logQ(GaussianGuide q, double[] v) {
        UnconstrainedGaussian g = q.snapshot(List.of("a", "b"));
        DenseCholesky chol = DenseCholesky.of(g.covariance());
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] -= g.mean()[i];
        }
        double[] z = chol.solveLower(r);
        double ss = 0;
        for (double zi : z) {
            ss += zi * zi;
        }
        return -0.5 * ss - 0.5 * chol.logDet() - 0.5 * r.length * Math.log(2 * Math.PI);
    }

    /** K × e standard-normal draws. */
    static double[] noise(Random r, int k, int e) {
        double[] eps = new double[k * e];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = r.nextGaussian();
        }
        return eps;
    }

    /** Draws v (K × d), ℓ (K) and ∇ℓ (K × d) of the noise. */
    static double[][] evaluate(LogDensity l, GaussianGuide q, double[] eps, int k) {
        int d = q.dim();
        int e = q.noiseDim();
        double[] v = new double[k * d];
        double[] one = new double[d];
        for (int p = 0; p < k; p++) {
            q.draw(java.util.Arrays.copyOfRange(eps, p * e, (p + 1) * e), one);
            System.arraycopy(one, 0, v, p * d, d);
        }
        double[] values = new double[k];
        double[] grads = new double[k * d];
        l.logDensities(v, k, values, grads);
        return new double[][] {v, values, grads};
    }
}
