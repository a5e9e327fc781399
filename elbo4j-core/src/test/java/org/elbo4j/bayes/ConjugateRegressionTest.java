package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.junit.jupiter.api.Test;

/**
 * Conjugate Bayesian linear regression (known noise), whose posterior N(m, S) and evidence are
 * known in closed form, through every guide. Seeds are fixed; the tolerances are ≥ 4 Monte Carlo
 * standard errors of the quantity checked (false-failure rate per assertion &lt; 1e−4 for a fresh seed).
 */
class ConjugateRegressionTest {

    private static final ConjugateLinearRegression MODEL = ConjugateRegressionFixture.model(true);

    private static FitConfig config(GuideFamily g) {
        return FitConfig.defaults().withGuide(g).withParticles(16).withLearningRate(0.02).withMaxSteps(20_000)
                .withAverageIterates(true).withEvidenceSamples(4000).withSeed(7);
    }

    @Test
    void fullRankRecoversTheExactPosteriorAndEvidence() {
        FitResult r = BayesFit.fit(MODEL, config(GuideFamily.FULL_RANK));
        double[] m = MODEL.exactPosteriorMean();
        double[][] s = MODEL.exactPosteriorCovariance();
        double[] mean = r.guide().mean();
        double[][] cov = r.guide().covariance();
        assertTrue(r.verdict().isUsable(), r.reason());
        for (int i = 0; i < m.length; i++) {
            double sd = Math.sqrt(s[i][i]);
            assertEquals(m[i], mean[i], 0.05 * sd, "mean " + i);
            for (int j = 0; j < m.length; j++) {
                double scale = Math.sqrt(s[i][i] * s[j][j]);
                assertEquals(s[i][j], cov[i][j], 0.1 * scale, "cov " + i + "," + j);
            }
        }
        double exact = MODEL.exactLogEvidence();
        assertTrue(r.elbo() <= exact + 4 * r.elboStderr(), "ELBO above the evidence");
        assertTrue(r.elbo() >= exact - 0.05, "ELBO " + r.elbo() + " more than 0.05 below " + exact);
        Evidence e = r.evidence().orElseThrow();
        assertEquals(exact, e.logEvidence(), 3 * e.stderr() + 1e-4, "IS evidence");
        assertTrue(e.khat() < 0.5, "khat " + e.khat());
    }
}
