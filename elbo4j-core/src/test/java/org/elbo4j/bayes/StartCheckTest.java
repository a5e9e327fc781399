package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.LogisticRegression;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.infer.Verdict;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link StartCheck}: a variational fit started at the Laplace approximation takes no step when
 * the start's KL to the posterior is below ε, and takes its steps (bit for bit as before the
 * check existed, the check consuming no random number of the fit) otherwise. The gap estimate
 * Ĝ = log-mean-exp(r) − mean(r) is checked against its closed form σ²/2 for Gaussian log weights
 * r ~ N(0, σ²) (seeded; |Ĝ − σ²/2| &lt; 4 se fails with probability about 6e−5), and its standard
 * error against the delta method's σ²/√(2S) (within 10 %: the sd of a sample sd of 4000 draws is
 * about 1.1 %, so this fails only on a wrong formula).
 */
class StartCheckTest {

    private static final double[] M = DensityFitTest.M;
    private static final double[][] PRECISION = DensityFitTest.PRECISION;
    /** ℓ(u) = −½ (u − m)ᵀ Λ (u − m): its Laplace approximation is the posterior. */
    private static final LogDensityHessian GAUSSIAN = DensityFitTest.GAUSSIAN;

    @Test
    void aGaussianTargetStopsAtItsLaplaceStartWithTheExactAnswer() {
        double[][] s = DenseCholesky.of(PRECISION).inverse();
        Optimisation r = DensityFit.fit(GAUSSIAN, new double[] {5, 5, 5},
                FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withSeed(3));
        assertEquals(Verdict.CONVERGED, r.verdict(), r.reason());
        assertEquals(0, r.steps());
        assertEquals(0, r.trace().length);
        assertTrue(r.reason().contains("no steps: the start is within"), r.reason());
        for (int i = 0; i < 3; i++) {
            assertEquals(M[i], r.guide().mean()[i], 1e-8, "mean " + i);
            assertArrayEquals(s[i], r.guide().covariance()[i], 1e-8, "covariance row " + i);
        }
    }

    @Test
    void aMeanFieldStartOfACorrelatedGaussianTakesSteps() {
        // q0 = N(m, diag(1/Λ_ii)): KL(q0 || p) = ½ (Σ log Λ_ii − log det Λ) = 0.16 nats > ε
        Optimisation r = DensityFit.fit(GAUSSIAN, new double[] {5, 5, 5},
                FitConfig.defaults().withGuide(GuideFamily.MEAN_FIELD).withSeed(3));
        assertTrue(r.steps() > 0, r.reason());
    }

    @Test
    void aLargeLogisticRegressionStopsAndReportsTheStartsOwnDiagnostics() {
        LogisticRegression model = LogisticRegressionFitTest.data(20_000, 3, 11, new double[] {0.5, -1.0, 0.25});
        FitConfig config = FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withSeed(4).withEvidenceSamples(400);
        FitResult fit = BayesFit.fit(model, config);
        assertEquals(Verdict.CONVERGED, fit.verdict(), fit.reason());
        assertEquals(0, fit.steps());
        // the reused report is the one the diagnostics of the start guide make from the evidence stream
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        Diagnostics.Report again = Diagnostics.of(model, layout, fit.guide()).report(400,
                Rng.of(4).child("evidence"));
        assertEquals(again.elbo(), fit.elbo(), 0.0);
        assertEquals(again.evidence().get().logEvidence(), fit.evidence().get().logEvidence(), 0.0);
        assertTrue(fit.evidence().get().logEvidence() - fit.elbo() < StartCheck.TOLERANCE);
    }

    @Test
    void aSmallLogisticRegressionTakesSteps() {
        LogisticRegression model = LogisticRegressionFitTest.data(40, 3, 11, new double[] {1.5, -2.0, 1.0});
        FitResult fit = BayesFit.fit(model, FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withSeed(4));
        assertTrue(fit.steps() > 0, fit.reason());
        assertTrue(fit.evidence().get().logEvidence() - fit.elbo() > StartCheck.TOLERANCE,
                "the posterior of 40 rows is not Gaussian enough to stop at the start");
    }

    @Test
    void gapOfGaussianLogWeightsIsHalfTheirVariance() {
        int s = 4000;
        double sigma = 0.1;
        Rng rng = Rng.of(2024);
        double[] r = new double[s];
        for (int i = 0; i < s; i++) {
            r[i] = -7 + sigma * rng.nextGaussian();
        }
        double[] g = StartCheck.gap(r);
        double expected = sigma * sigma / 2;
        assertEquals(expected, g[0], 4 * g[1]);
        assertEquals(sigma * sigma / Math.sqrt(2 * s), g[1], 0.1 * sigma * sigma / Math.sqrt(2 * s));
        double[] constant = StartCheck.gap(new double[] {3, 3, 3, 3});
        assertEquals(0.0, constant[0], 0.0);
        assertEquals(0.0, constant[1], 0.0);
    }
}
