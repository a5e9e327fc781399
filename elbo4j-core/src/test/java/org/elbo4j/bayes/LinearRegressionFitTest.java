package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.LinearRegression;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link LinearRegression} with unknown noise on N = 2000 simulated rows (true σ = 0.7): with
 * this much data and weak priors the posterior is ≈ N(β̂_OLS, σ̂² (X̃ᵀX̃)⁻¹) for the coefficients
 * and ≈ N(σ̂, σ̂²/(2N)) for σ, with σ̂² = RSS/N, and the two blocks are nearly independent, so
 * a mean-field fit must reproduce both. Observed (seeds 1–3): σ mean 0.6925–0.6927 with
 * sd(σ) 0.0117–0.0123 (theory ≈ 0.011), coefficient sds 0.0146–0.0160.
 * Tolerances: 0.3 sd for means, 25 % on coefficient sds, 1.5 sd(σ) and a factor 1.5 on
 * sd(σ) (≥ 4 Monte Carlo standard deviations; false-failure rate &lt; 1e−4 for a fresh seed).
 * The default tolerance (1e−3 of |ELBO| ≈ 2 nats) stops before the noise scale has shrunk, so
 * this fit uses 1e−5.
 */
class LinearRegressionFitTest {

    static final int N = 2000;
    static final double TRUE_SIGMA = 0.7;

    static double[][] design() {
        Rng rng = Rng.of(8);
        double[][] x = new double[N][3];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextGaussian();
            }
        }
        return x;
    }

    static double[] response(double[][] x) {
        Rng rng = Rng.of(9);
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = 1 + 2 * x[i][0] - x[i][1] + 0.5 * x[i][2] + TRUE_SIGMA * rng.nextGaussian();
        }
        return y;
    }

    static LinearRegression model() {
        double[][] x = design();
        return LinearRegression.of(x, response(x), 5.0, LinearRegression.NoisePrior.HALF_NORMAL, 2.0, true);
    }

    static FitConfig config() {
        return FitConfig.defaults().withParticles(8).withLearningRate(0.02).withRelTolerance(1e-5).withWindow(200)
                .withAverageIterates(true).withEvidenceSamples(0).withSeed(3);
    }

    @Test
    void theNoiseAndCoefficientsConcentrateOnTheLeastSquaresSolution() {
        double[][] x = design();
        double[] y = response(x);
        double[][] gram = new double[4][4];
        double[] xty = new double[4];
        for (int i = 0; i < N; i++) {
            double[] row = {1, x[i][0], x[i][1], x[i][2]};
            for (int a = 0; a < 4; a++) {
                xty[a] += row[a] * y[i];
                for (int b = 0; b < 4; b++) {
                    gram[a][b] += row[a] * row[b];
                }
            }
        }
        DenseCholesky chol = DenseCholesky.of(gram);
        double[] ols = chol.solve(xty);
        double[][] gramInverse = chol.inverse();
        double rss = 0;
        for (int i = 0; i < N; i++) {
            double e = y[i] - ols[0] - ols[1] * x[i][0] - ols[2] * x[i][1] - ols[3] * x[i][2];
            rss += e * e;
        }
        double sigmaHat = Math.sqrt(rss / N);

        FitResult r = BayesFit.fit(model(), config());
        assertTrue(r.verdict().isUsable(), r.reason());
        ParameterSummary sigma = r.summary("sigma");
        double sigmaSd = sigmaHat / Math.sqrt(2.0 * N);
        assertEquals(sigmaHat, sigma.mean()[0], 1.5 * sigmaSd, "posterior mean of sigma vs sqrt(RSS/N)");
        assertEquals(TRUE_SIGMA, sigma.mean()[0], 0.04, "posterior mean of sigma vs the true noise");
        assertTrue(sigma.sd()[0] < 1.5 * sigmaSd && sigma.sd()[0] > sigmaSd / 1.5,
                "sd(sigma) " + sigma.sd()[0] + " vs " + sigmaSd);
        float[] draws = r.draws().get("sigma").data();
        for (float s : draws) {
            assertTrue(s > 0, "sigma draw " + s);
        }
        double[] mean = new double[4];
        double[] sd = new double[4];
        mean[0] = r.summary("intercept").mean()[0];
        sd[0] = r.summary("intercept").sd()[0];
        for (int j = 0; j < 3; j++) {
            mean[j + 1] = r.summary("beta").mean()[j];
            sd[j + 1] = r.summary("beta").sd()[j];
        }
        for (int j = 0; j < 4; j++) {
            double olsSd = sigmaHat * Math.sqrt(gramInverse[j][j]);
            assertEquals(ols[j], mean[j], 0.3 * olsSd, "coefficient " + j + " vs OLS");
            assertEquals(olsSd, sd[j], 0.25 * olsSd, "sd of coefficient " + j);
        }
    }
}
