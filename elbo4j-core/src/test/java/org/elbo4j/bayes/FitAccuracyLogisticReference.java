package org.elbo4j.bayes;

import java.util.random.RandomGenerator;

/**
 * A high-precision reference posterior for Bayesian logistic regression with intercept
 * ({@code α, β_j ~ N(0, τ²)}), all in double: Newton's method for the mode m and precision H,
 * then self-normalised importance sampling with the proposal N(m, 1.5 H⁻¹) (widened so that its
 * tails cover the posterior's):
 * <pre>
 *   w_s = p(D, θ_s) / q(θ_s),   E[θ_j] ≈ Σ w_s θ_sj / Σ w_s,   Var[θ_j] ≈ Σ w_s (θ_sj − E θ_j)² / Σ w_s.
 * </pre>
 *
 * @param mean the posterior means (intercept first)
 * @param sd   the posterior sds
 * @param ess  the importance-sampling effective sample size (Σw)² / Σw²
 */
record FitAccuracyLogisticReference(double[] mean, double[] sd, double ess) {

    private static final double PROPOSAL_WIDENING = 1.5;

    static FitAccuracyLogisticReference of(double[][] x, double[] y, double tau, int draws, RandomGenerator rng) {
        int k = x[0].length + 1;
        double[] theta = new double[k];
        double[][] h = null;
        for (int it = 0; it < 50; it++) {
            double[] g = new double[k];
            h = new double[k][k];
            for (int j = 0; j < k; j++) {
                g[j] = -theta[j] / (tau * tau);
                h[j][j] = 1 / (tau * tau);
            }
            for (int i = 0; i < x.length; i++) {
                double p = 1 / (1 + Math.exp(-eta(x[i], theta)));
                for (int a = 0; a < k; a++) {
                    double xa = a == 0 ? 1 : x[i][a - 1];
                    g[a] += (y[i] - p) * xa;
                    for (int b = 0; b < k; b++) {
                        h[a][b] += p * (1 - p) * xa * (b == 0 ? 1 : x[i][b - 1]);
                    }
                }
            }
            double[] step = DenseCholesky.of(h).solve(g);
            double norm = 0;
            for (int j = 0; j < k; j++) {
                theta[j] += step[j];
                norm += step[j] * g[j];
            }
            if (norm < 1e-20) {
                break;
            }
        }
        double[][] proposalCov = DenseCholesky.of(h).inverse();
        for (double[] row : proposalCov) {
            for (int j = 0; j < k; j++) {
                row[j] *= PROPOSAL_WIDENING;
            }
        }
        DenseCholesky chol = DenseCholesky.of(proposalCov);
        double[][] samples = new double[draws][];
        double[] logW = new double[draws];
        double maxLogW = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < draws; s++) {
            double[] z = new double[k];
            double zz = 0;
            for (int j = 0; j < k; j++) {
                z[j] = rng.nextGaussian();
                zz += z[j] * z[j];
            }
            double[] t = chol.multiplyLower(z);
            for (int j = 0; j < k; j++) {
                t[j] += theta[j];
            }
            samples[s] = t;
            logW[s] = logJoint(x, y, tau, t) + 0.5 * zz;
            maxLogW = Math.max(maxLogW, logW[s]);
        }
        double sumW = 0;
        double sumW2 = 0;
        double[] mean = new double[k];
        for (int s = 0; s < draws; s++) {
            double w = Math.exp(logW[s] - maxLogW);
            logW[s] = w;
            sumW += w;
            sumW2 += w * w;
            for (int j = 0; j < k; j++) {
                mean[j] += w * samples[s][j];
            }
        }
        double[] sd = new double[k];
        for (int j = 0; j < k; j++) {
            mean[j] /= sumW;
        }
        for (int s = 0; s < draws; s++) {
            for (int j = 0; j < k; j++) {
                double c = samples[s][j] - mean[j];
                sd[j] += logW[s] * c * c;
            }
        }
        for (int j = 0; j < k; j++) {
            sd[j] = Math.sqrt(sd[j] / sumW);
        }
        return new FitAccuracyLogisticReference(mean, sd, sumW * sumW / sumW2);
    }

    private static double eta(double[] xi, double[] theta) {
        double e = theta[0];
        for (int j = 0; j < xi.length; j++) {
            e += xi[j] * theta[j + 1];
        }
        return e;
    }

    /** log p(D, θ) up to a constant. */
    private static double logJoint(double[][] x, double[] y, double tau, double[] theta) {
        double lp = 0;
        for (double t : theta) {
            lp -= t * t / (2 * tau * tau);
        }
        for (int i = 0; i < x.length; i++) {
            double e = eta(x[i], theta);
            double softplus = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
            lp += y[i] * e - softplus;
        }
        return lp;
    }
}
