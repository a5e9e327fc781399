package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A hierarchical Poisson regression ({@link PoissonRegressionCase}, N = 2000, 8 groups) simulated
 * from known parameters, fit with minibatches of 200 (scaled by N / |B| = 10) and a mean-field
 * guide. Fixed seeds. Tolerances: beta within 0.05 and each alpha_g within 0.15 of the truth
 * (each ≥ 4 posterior sds: with ~250 counts of mean ~3 per group the posterior sd of alpha_g is
 * about 0.035 and of beta about 0.01); mu and sigma, informed by only 8 groups, within their
 * central 95 % posterior interval widened by a tenth of its width.
 */
class PoissonRegressionFitTest {

    @Test
    void theTraceDerivesShapesAndSupportsFromThePriors() {
        FunctionModel model = FunctionModel.of(new PoissonRegressionCase(200, 3).function(50));
        assertEquals(4, model.parameters().size());
        Parameter sigma = model.parameters().get(1);
        assertEquals(Support.NONNEGATIVE, sigma.support(), "sigma takes the support of its Exponential prior");
        assertEquals(Math.exp(-3), sigma.bijection().forward(Tensor.full(-3, 1, 1)).item(), 1e-7, "through exp");
        assertEquals(Support.REAL, model.parameters().get(0).support(), "mu from its Normal prior");
        assertArrayEquals(new int[] {PoissonRegressionCase.G}, model.parameters().get(3).shape(), "alpha per group");
        assertEquals(200, model.observationCount());
        assertEquals(50, model.subsampleSize());
        assertEquals("data", model.dataPlate().orElseThrow());
    }

    @Test
    void subsampledFitRecoversTheSimulatedParameters() {
        PoissonRegressionCase c = new PoissonRegressionCase(2000, 5);
        FunctionModel model = FunctionModel.of(c.function(200));
        FitResult r = model.fit(FitConfig.defaults().withParticles(4).withLearningRate(0.02).withSeed(3));
        assertTrue(r.verdict().isUsable(), r.reason());
        assertEquals(PoissonRegressionCase.BETA, r.summary("beta").mean()[0], 0.05, "beta");
        ParameterSummary alpha = r.summary("alpha");
        for (int g = 0; g < PoissonRegressionCase.G; g++) {
            assertEquals(c.alpha[g], alpha.mean()[g], 0.15, "alpha " + g);
        }
        inInterval(r.summary("mu"), PoissonRegressionCase.MU);
        inInterval(r.summary("sigma"), PoissonRegressionCase.SIGMA);
    }

    private static void inInterval(ParameterSummary s, double truth) {
        double lo = s.q2_5()[0];
        double hi = s.q97_5()[0];
        double slack = 0.1 * (hi - lo);
        assertTrue(truth > lo - slack && truth < hi + slack, s.name() + ": " + truth + " outside [" + lo + ", " + hi + "]");
    }
}
