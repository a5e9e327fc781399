package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * k̂ flags a bad approximation: a mean-field guide on a conjugate regression whose predictors have
 * correlation ≈ 0.995 (posterior correlation ≈ −0.995, mean-field variances ≈ 1 % of the true
 * ones) gives k̂ &gt; 0.7, while the full-rank guide on the same posterior gives k̂ &lt; 0.5.
 * Seeded; the margins are wide (observed values in the report), so the false-failure rate is
 * well below 1e−3.
 */
class KhatDiagnosticTest {

    private static ConjugateLinearRegression correlated() {
        Rng rng = Rng.of(31);
        int n = 50;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = rng.nextGaussian();
            x[i][0] = a;
            x[i][1] = a + 0.1 * rng.nextGaussian();
            y[i] = x[i][0] + x[i][1] + rng.nextGaussian();
        }
        return ConjugateLinearRegression.of(x, y, 1.0, 5.0, false);
    }

    @Test
    void meanFieldOnACorrelatedPosteriorHasLargeKhat() {
        FitResult r = BayesFit.fit(correlated(), FitConfig.defaults().withParticles(8).withLearningRate(0.02)
                .withAverageIterates(true).withEvidenceSamples(4000).withSeed(12));
        double k = r.evidence().orElseThrow().khat();
        assertTrue(k > 0.7, "khat " + k);
    }

    @Test
    void fullRankOnTheSamePosteriorHasSmallKhat() {
        FitResult r = BayesFit.fit(correlated(), FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withParticles(8)
                .withLearningRate(0.02).withAverageIterates(true).withEvidenceSamples(4000).withSeed(12));
        double k = r.evidence().orElseThrow().khat();
        assertTrue(k < 0.5, "khat " + k + " " + r.reason());
    }
}
