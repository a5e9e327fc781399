package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.junit.jupiter.api.Test;

/**
 * MAP, Laplace and mean-field on the conjugate regression, whose posterior N(m, S = Λ⁻¹) is
 * Gaussian: the mode is m, Laplace is exact, and the mean-field optimum has variances 1/Λ_jj
 * (below S_jj where predictors are correlated). Deterministic for MAP/Laplace; the mean-field
 * tolerances are ≥ 4 Monte Carlo standard errors (false-failure rate &lt; 1e−4 for a fresh seed).
 */
class GaussianBaselinesTest {

    private static final ConjugateLinearRegression MODEL = ConjugateRegressionFixture.model(true);

    @Test
    void mapIsThePosteriorMode() {
        FitResult r = BayesFit.fit(MODEL, FitConfig.defaults().withGuide(GuideFamily.MAP).withSeed(1));
        double[] m = MODEL.exactPosteriorMean();
        double[] mode = r.guide().mean();
        for (int i = 0; i < m.length; i++) {
            assertEquals(m[i], mode[i], 1e-4 * (1 + Math.abs(m[i])), "mode " + i);
        }
        assertTrue(r.evidence().isEmpty(), "a point mass has no evidence estimate");
        assertEquals(0.0, r.summary("beta").sd()[0], 0.0);
    }

    @Test
    void laplaceIsExactOnAGaussianPosterior() {
        FitResult r = BayesFit.fit(MODEL, FitConfig.defaults().withGuide(GuideFamily.LAPLACE).withSeed(1));
        double[] m = MODEL.exactPosteriorMean();
        double[][] s = MODEL.exactPosteriorCovariance();
        double[][] cov = r.guide().covariance();
        for (int i = 0; i < m.length; i++) {
            assertEquals(m[i], r.guide().mean()[i], 1e-3 * Math.sqrt(s[i][i]), "mean " + i);
            for (int j = 0; j < m.length; j++) {
                assertEquals(s[i][j], cov[i][j], 2e-3 * Math.sqrt(s[i][i] * s[j][j]), "cov " + i + "," + j);
            }
        }
        Evidence e = r.evidence().orElseThrow();
        assertEquals(MODEL.exactLogEvidence(), e.logEvidence(), 1e-3, "IS evidence with the exact posterior");
        assertTrue(e.khat() < 0.5, "khat " + e.khat());
    }

    @Test
    void meanFieldVariancesAreOneOverThePrecisionDiagonal() {
        FitResult r = BayesFit.fit(MODEL, FitConfig.defaults().withGuide(GuideFamily.MEAN_FIELD).withParticles(16)
                .withLearningRate(0.02).withAverageIterates(true).withSeed(3));
        assertTrue(r.verdict().isUsable(), r.reason());
        double[][] lambda = MODEL.exactPosteriorPrecision();
        double[][] s = MODEL.exactPosteriorCovariance();
        double[][] cov = r.guide().covariance();
        for (int j = 0; j < lambda.length; j++) {
            assertEquals(1 / lambda[j][j], cov[j][j], 0.1 / lambda[j][j], "variance " + j);
        }
        // beta[0] and beta[1] (layout 1, 2) sit on predictors with correlation 0.9
        for (int j = 1; j <= 2; j++) {
            assertTrue(cov[j][j] < 0.5 * s[j][j], "mean-field variance " + cov[j][j] + " vs exact " + s[j][j]);
        }
    }
}
