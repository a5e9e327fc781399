package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.junit.jupiter.api.Test;

/**
 * {@link OptimizerKind#STAN_ADAPTIVE}: the step-size sequence of Kucukelbir et al. (2017, eq. 10)
 * checked step by step against the formula in double, and the full fit (η adaptation + sequence)
 * on the conjugate regression against the closed-form mean-field optimum N(m, diag(1/Λ_jj)) and
 * against Adam. Observed (seeds 1–3): guide means within 0.07 posterior sd of m, variances within
 * 6 % of 1/Λ_jj; the tolerances (0.15 sd, 15 %) are ≥ 4 Monte Carlo standard deviations
 * (false-failure rate &lt; 1e−4 for a fresh seed).
 */
class StanAdaptiveTest {

    @Test
    void theCandidateStepSizesAreStans() {
        assertArrayEquals(new double[] {100, 10, 1, 0.1, 0.01}, org.elbo4j.optim.StepSizePolicy.stanEtaCandidates());
    }

    @Test
    void theStepSizeSequenceFollowsTheFormula() {
        double eta = 0.7;
        double[] curvature = {3.0, 0.5};
        double[] p = {1.0, -2.0};
        double[] s = new double[2];
        double[] param = p.clone();
        org.elbo4j.optim.StanUpdate seq = org.elbo4j.optim.StanUpdate.of(2);
        org.elbo4j.optim.LrSchedule decay = org.elbo4j.optim.LrSchedule.stanDecay(eta);
        double[] grad = new double[2];
        org.elbo4j.optim.DoubleParameters view = org.elbo4j.optim.FlatParameters.of(param, grad);
        for (int k = 1; k <= 4; k++) {
            grad[0] = curvature[0] * param[0];
            grad[1] = curvature[1] * param[1];
            seq.step(view, decay.rate(seq.stepCount()));
            for (int j = 0; j < 2; j++) {
                double g = curvature[j] * p[j];
                s[j] = k == 1 ? g * g : 0.1 * g * g + 0.9 * s[j];
                double rho = eta * Math.pow(k, -0.5 + 1e-16) / (1 + Math.sqrt(s[j]));
                p[j] -= rho * g;
                assertEquals(p[j], param[j], 1e-12 * (1 + Math.abs(p[j])), "step " + k + ", element " + j);
            }
        }
    }

    @Test
    void reachesTheMeanFieldOptimumLikeAdam() {
        ConjugateLinearRegression model = ConjugateRegressionFixture.model(true);
        FitConfig base = FitConfig.defaults().withParticles(16).withMaxSteps(20_000).withAverageIterates(true)
                .withEvidenceSamples(0).withSeed(1);
        FitResult stan = BayesFit.fit(model, base.withOptimizer(OptimizerKind.STAN_ADAPTIVE));
        FitResult adam = BayesFit.fit(model, base.withLearningRate(0.02));
        assertTrue(stan.verdict().isUsable(), stan.reason());
        assertTrue(adam.verdict().isUsable(), adam.reason());
        double[] m = model.exactPosteriorMean();
        double[][] lambda = model.exactPosteriorPrecision();
        double[][] s = model.exactPosteriorCovariance();
        for (int j = 0; j < m.length; j++) {
            double sd = Math.sqrt(s[j][j]);
            assertEquals(m[j], stan.guide().mean()[j], 0.15 * sd, "Stan mean " + j);
            assertEquals(1 / lambda[j][j], stan.guide().covariance()[j][j], 0.15 / lambda[j][j], "Stan variance " + j);
            assertEquals(adam.guide().mean()[j], stan.guide().mean()[j], 0.2 * sd, "Stan vs Adam mean " + j);
        }
        double bound = GaussianKl.optimalMeanField(lambda);
        double kl = GaussianKl.ofGuide(stan.guide(), m, s);
        assertTrue(kl < bound + 0.02, "Stan KL " + kl + " vs mean-field optimum " + bound);
    }
}
