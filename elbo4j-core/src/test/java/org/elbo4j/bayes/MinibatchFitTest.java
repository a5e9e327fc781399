package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Minibatch subsampling: with batches of 50 out of N = 1000 the log-likelihood is scaled by
 * N/|B| = 20, so the fit targets the same posterior as the full-data fit. Without the scaling the
 * posterior sd would be √20 ≈ 4.5 times too wide, which the variance check rules out. Observed
 * (seeds 1–3): means within 0.3 posterior sd, sds within 15 %, per-step ELBO noise ≈ 100 nats
 * against ≈ 0.5 for the full data. Tolerances: means 0.6 sd, sds 30 % (≥ 3 Monte Carlo sd of the
 * minibatch fit; false-failure rate &lt; 1e−3 for a fresh seed).
 */
class MinibatchFitTest {

    static ConjugateLinearRegression thousandObservations() {
        Rng rng = Rng.of(77);
        int n = 1000;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = 0.5 * x[i][0] + rng.nextGaussian();
            y[i] = 0.3 + 0.8 * x[i][0] - 0.4 * x[i][1] + 2 * rng.nextGaussian();
        }
        return ConjugateLinearRegression.of(x, y, 2.0, 5.0, true);
    }

    static FitConfig minibatch() {
        return FitConfig.defaults().withParticles(8).withLearningRate(0.01).withBatchSize(50).withAverageIterates(true)
                .withEvidenceSamples(200).withSeed(1);
    }

    @Test
    void aMinibatchFitFindsTheFullDataPosterior() {
        ConjugateLinearRegression model = thousandObservations();
        FitResult full = BayesFit.fit(model, minibatch().withBatchSize(0));
        FitResult mini = BayesFit.fit(model, minibatch());
        assertTrue(full.verdict().isUsable(), full.reason());
        assertTrue(mini.verdict().isUsable(), "the verdict must still arrive: " + mini.reason());
        double[] m = model.exactPosteriorMean();
        double[][] lambda = model.exactPosteriorPrecision();
        for (int j = 0; j < m.length; j++) {
            double mfSd = Math.sqrt(1 / lambda[j][j]);
            double miniSd = Math.sqrt(mini.guide().covariance()[j][j]);
            double fullSd = Math.sqrt(full.guide().covariance()[j][j]);
            assertEquals(full.guide().mean()[j], mini.guide().mean()[j], 0.6 * mfSd, "mean " + j);
            assertEquals(m[j], mini.guide().mean()[j], 0.6 * mfSd, "mean vs exact " + j);
            assertEquals(fullSd, miniSd, 0.3 * fullSd, "sd " + j);
            assertEquals(mfSd, miniSd, 0.3 * mfSd, "sd vs mean-field optimum " + j);
        }
        // the final ELBO is a full-data estimate for both, so they agree far better than the trace noise
        assertEquals(full.elbo(), mini.elbo(), 1.0, "final full-data ELBO");
    }

    @Test
    void theMinibatchTraceIsNoisier() {
        ConjugateLinearRegression model = thousandObservations();
        double fullNoise = tailSd(BayesFit.fit(model, minibatch().withBatchSize(0)).elboTrace());
        double miniNoise = tailSd(BayesFit.fit(model, minibatch()).elboTrace());
        assertTrue(miniNoise > 10 * fullNoise, "trace sd: minibatch " + miniNoise + ", full " + fullNoise);
        assertNotEquals(0.0, fullNoise);
    }

    /** The sd of the last 200 entries. */
    private static double tailSd(double[] trace) {
        int n = Math.min(200, trace.length);
        double sum = 0;
        double sumSq = 0;
        for (int i = trace.length - n; i < trace.length; i++) {
            sum += trace[i];
            sumSq += trace[i] * trace[i];
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    }
}
