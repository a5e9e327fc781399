package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Prior draws of the hierarchical Poisson regression ({@link PoissonRegressionCase}):
 * sigma ~ Exponential(1), alpha_g = mu + sigma z_g. S = 4000 draws, seed fixed; each tolerance is
 * ≥ 4 standard errors (false-failure rate per assertion &lt; 1e−4 for a fresh seed).
 */
class SamplePriorTest {

    @Test
    void priorDrawsHaveThePriorsMomentsAndIndependentGroups() {
        FunctionModel model = FunctionModel.of(new PoissonRegressionCase(100, 2).function(20));
        int s = 4000;
        ParameterValues d = model.samplePrior(Rng.of(1), s).orElseThrow();
        assertArrayEquals(new int[] {s}, d.get("sigma").shape());
        int g = PoissonRegressionCase.G;
        assertArrayEquals(new int[] {s, g}, d.get("alpha").shape());
        double[] sigma = d.get("sigma").toDoubleArray();
        double[] alpha = d.get("alpha").toDoubleArray();
        double sigmaMean = 0;
        double grandMean = 0;
        double withinVariance = 0;
        for (int i = 0; i < s; i++) {
            assertTrue(sigma[i] > 0);
            sigmaMean += sigma[i] / s;
            double m = 0;
            for (int k = 0; k < g; k++) {
                m += alpha[i * g + k] / g;
            }
            grandMean += m / s;
            double v = 0;
            for (int k = 0; k < g; k++) {
                v += (alpha[i * g + k] - m) * (alpha[i * g + k] - m) / (g - 1);
            }
            withinVariance += v / s;
        }
        // E[sigma] = 1 (sd 1: se 0.016); E[mean_g alpha] = 0 (var 1 + E[sigma²]/8 = 1.25: se 0.018);
        // E[within-draw variance] = E[sigma²] = 2 (var 24·(1 + 2/7) − 4 ≈ 26.9: se 0.082)
        assertEquals(1.0, sigmaMean, 0.07, "E[sigma]");
        assertEquals(0.0, grandMean, 0.08, "E[alpha]");
        assertEquals(2.0, withinVariance, 0.35, "the groups' intercepts are independent draws given sigma");
    }

    @Test
    void priorMedianInitialisationFits() {
        PoissonRegressionCase c = new PoissonRegressionCase(400, 6);
        FitResult r = FunctionModel.of(c.function(400))
                .fit(FitConfig.defaults().withInit(InitStrategy.priorMedian()).withParticles(4).withSeed(2));
        assertTrue(r.verdict().isUsable(), r.reason());
        assertEquals(PoissonRegressionCase.BETA, r.summary("beta").mean()[0], 0.1);
    }
}
