package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.junit.jupiter.api.Test;

/**
 * Polyak averaging of the guide parameters over the last window: with one particle and Adam at
 * 0.05 the last iterate jitters around the mean-field optimum N(m, diag(1/Λ_jj)); the window
 * average must sit much closer. Averaging does not change the trajectory, so each seed gives a
 * paired comparison on the same run. Measured as the mean squared error over 10 seeds × 4
 * coordinates, of the location in posterior-sd units and of the log-scale. Observed over seeds
 * 1–10, 11–20, 21–30: location reduced 9–25 times, log-scale 2.2–3.5 times; the test asks for
 * a factor 4 and 1.5 (false-failure rate well below 1e−3).
 */
class IterateAveragingTest {

    static FitConfig config(long seed, boolean average) {
        // windows of 500: the learning rate stays at 0.05 for all 1000 steps (the first window
        // comparison, which could halve it, comes at step 1000), so the averaged window is at 0.05
        return FitConfig.defaults().withLearningRate(0.05).withMaxSteps(1000).withWindow(500)
                .withAverageIterates(average)
                .withEvidenceSamples(0).withPosteriorDraws(10).withSeed(seed);
    }

    @Test
    void averagingReducesTheIterateNoise() {
        ConjugateLinearRegression model = ConjugateRegressionFixture.model(true);
        double[] m = model.exactPosteriorMean();
        double[][] lambda = model.exactPosteriorPrecision();
        double[] locError = new double[2];
        double[] scaleError = new double[2];
        for (long seed = 1; seed <= 10; seed++) {
            for (int a = 0; a < 2; a++) {
                FitResult r = BayesFit.fit(model, config(seed, a == 1));
                double[] mean = r.guide().mean();
                double[][] cov = r.guide().covariance();
                for (int j = 0; j < m.length; j++) {
                    locError[a] += (mean[j] - m[j]) * (mean[j] - m[j]) * lambda[j][j];
                    double logScaleError = 0.5 * Math.log(cov[j][j] * lambda[j][j]);
                    scaleError[a] += logScaleError * logScaleError;
                }
                if (seed == 1 && a == 1) {
                    assertTrue(r.reason().contains("averaged"), r.reason());
                }
            }
        }
        assertTrue(locError[1] < locError[0] / 4, "location MSE with " + locError[1] + ", without " + locError[0]);
        assertTrue(scaleError[1] < scaleError[0] / 1.5, "log-scale MSE with " + scaleError[1] + ", without "
                + scaleError[0]);
    }

    @Test
    void withoutAveragingTheGuideIsTheLastIterate() {
        ConjugateLinearRegression model = ConjugateRegressionFixture.model(true);
        FitResult plain = BayesFit.fit(model, config(1, false));
        FitResult averaged = BayesFit.fit(model, config(1, true));
        assertEquals(plain.steps(), averaged.steps(), "averaging must not change the trajectory");
        assertTrue(java.util.Arrays.equals(plain.elboTrace(), averaged.elboTrace()), "same trace");
        assertTrue(!java.util.Arrays.equals(plain.guide().mean(), averaged.guide().mean()),
                "the averaged guide differs from the last iterate");
    }
}
