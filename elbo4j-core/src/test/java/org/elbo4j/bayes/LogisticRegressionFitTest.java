package org.elbo4j.bayes;

import org.elbo4j.infer.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.LogisticRegression;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Logistic regression with N = 10 000, D = 20 (the performance target): a mean-field fit converges
 * and its posterior means sit near the generating coefficients (posterior sd ≈ 0.03; tolerance
 * 0.2, far beyond sampling error). The wall time is printed, never asserted (timing lives in the benchmarks).
 */
class LogisticRegressionFitTest {

    static LogisticRegression data(int n, int d, long seed, double[] beta) {
        Rng rng = Rng.of(seed);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int j = 0; j < d; j++) {
            beta[j] = rng.nextGaussian() * 0.5;
        }
        for (int i = 0; i < n; i++) {
            double eta = 0.3;
            for (int j = 0; j < d; j++) {
                x[i][j] = rng.nextGaussian();
                eta += x[i][j] * beta[j];
            }
            y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return LogisticRegression.of(x, y, 2.5, true);
    }

    @Test
    void tenThousandByTwentyConverges() {
        double[] beta = new double[20];
        LogisticRegression model = data(10_000, 20, 17, beta);
        FitResult r = BayesFit.fit(model, FitConfig.defaults().withSeed(1));
        System.out.printf("logistic 10000x20 mean-field: %s in %d steps, %.3f s (%s)%n", r.verdict(), r.steps(),
                r.seconds(), r.reason());
        assertEquals(Verdict.CONVERGED, r.verdict(), r.reason());
        double[] mean = r.summary("beta").mean();
        for (int j = 0; j < beta.length; j++) {
            assertEquals(beta[j], mean[j], 0.2, "beta " + j);
        }
    }
}
