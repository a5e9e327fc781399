package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.junit.jupiter.api.Test;

/**
 * PSIS-corrected summaries on conjugate regressions, where the mean-field optimum has marginal
 * variances 1/Λ_ii, below the exact S_ii for correlated coefficients. With predictors correlated
 * at ρ = 0.6 (k̂ below 0.7), resampling the 1000 evidence draws by their Pareto-smoothed weights
 * moves the sds back towards the exact ones. Asserted: the summaries are PSIS ones; the sds of
 * the two correlated coefficients are closer (in log ratio) to the exact ones than the guide's
 * own, the others within 10 % of exact (the resampled sd's Monte Carlo error is a few %); means
 * within 0.2 exact sd. At ρ ≈ 0.9 ({@link ConjugateRegressionFixture}) the mean-field weights have
 * k̂ &gt; 0.7 and the summaries fall back to the guide's draws.
 * Without PSIS ({@code withPsisSummaries(false)}) the summaries are the guide's draws: sd within
 * 10 % of the guide's marginal sd (1000 draws: the sd of a sample sd is 2.2 %, so 4.5 sigma).
 */
class PsisSummaryTest {

    private static final ConjugateLinearRegression MODEL = ConjugateRegressionFixture.model(true);

    /** 60 rows, x₁ = 0.6 x₀ + 0.8 e (ρ = 0.6), y = 0.5 + x₀ − 0.5 x₁ + 0.3 x₂ + ε, σ = 1, τ = 2. */
    private static ConjugateLinearRegression moderate() {
        org.elbo4j.random.Rng rng = org.elbo4j.random.Rng.of(11);
        int n = 60;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = 0.6 * x[i][0] + 0.8 * rng.nextGaussian();
            x[i][2] = rng.nextGaussian();
            y[i] = 0.5 + x[i][0] - 0.5 * x[i][1] + 0.3 * x[i][2] + rng.nextGaussian();
        }
        return ConjugateLinearRegression.of(x, y, 1.0, 2.0, true);
    }

    @Test
    void aStronglyCorrelatedPosteriorFallsBackToTheGuide() {
        FitResult r = BayesFit.fit(MODEL, FitConfig.defaults().withSeed(1));
        assertTrue(r.evidence().orElseThrow().khat() > BayesFit.PSIS_KHAT_LIMIT, "khat " + r.evidence());
        assertEquals(SummarySource.GUIDE, r.summarySource());
    }

    @Test
    void psisMovesMeanFieldSummariesTowardsTheExactPosterior() {
        ConjugateLinearRegression model = moderate();
        FitResult r = BayesFit.fit(model, FitConfig.defaults().withSeed(1));
        assertEquals(SummarySource.PSIS, r.summarySource(), "khat " + r.evidence());
        double[] m = model.exactPosteriorMean();
        double[][] s = model.exactPosteriorCovariance();
        double[] mean = concat(r.summary("intercept").mean(), r.summary("beta").mean());
        double[] sd = concat(r.summary("intercept").sd(), r.summary("beta").sd());
        double[][] guideCov = r.guide().covariance();
        for (int j = 0; j < m.length; j++) {
            double exactSd = Math.sqrt(s[j][j]);
            double guideError = Math.abs(Math.log(Math.sqrt(guideCov[j][j]) / exactSd));
            double psisError = Math.abs(Math.log(sd[j] / exactSd));
            String what = "coordinate " + j + ": psis sd " + sd[j] + ", guide sd " + Math.sqrt(guideCov[j][j])
                    + ", exact " + exactSd;
            boolean correlated = j == 1 || j == 2;
            assertTrue(correlated ? psisError < guideError : psisError < 0.1, what);
            assertEquals(m[j], mean[j], 0.2 * exactSd, "mean " + j);
        }
    }

    @Test
    void withoutPsisTheSummariesAreTheGuidesDraws() {
        FitResult r = BayesFit.fit(MODEL, FitConfig.defaults().withSeed(1).withPsisSummaries(false));
        assertEquals(SummarySource.GUIDE, r.summarySource());
        double[] sd = concat(r.summary("intercept").sd(), r.summary("beta").sd());
        double[][] guideCov = r.guide().covariance();
        for (int j = 0; j < sd.length; j++) {
            assertEquals(Math.sqrt(guideCov[j][j]), sd[j], 0.1 * Math.sqrt(guideCov[j][j]), "sd " + j);
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
