package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.elbo4j.bayes.DensityFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.bayes.Optimisation;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.junit.jupiter.api.Test;

/**
 * A formula fit with minibatches ({@code FitConfig.batchSize} B = 100 of N = 600 rows) against the
 * full-data fit of the same model: a simulated gaussian model yg ~ x + (1 | g) with 30 groups of 20
 * rows ({@link SimulatedData}), mean-field guide from the model's initial point, as
 * {@code fit --formula ... --batch 100} runs it. The evidence, k̂, summaries and pointwise
 * log-likelihood of both come from the full data.
 */
class SubsampledFitTest {

    private static RegressionModel model() {
        DataFrame data = DataFrame.parse(SimulatedData.poissonGroups(7, 30, 20, 0.5, 0.3, 0.5, 0.25, 0.3), "sim.csv");
        return RegressionModel.of(ModelFrame.of(Formula.parse("yg ~ x + (1 | g)"), data),
                Families.parse("gaussian"), null);
    }

    private static FitConfig config() {
        return FitConfig.defaults().withInit(InitStrategy.zero()).withEvidenceSamples(200).withSeed(11);
    }

    /**
     * Posterior means of the minibatch fit within 0.4 posterior sds (of the full-data fit) of the
     * full-data fit's, for b_Intercept, b_x, sd_g__Intercept and sigma (seen with this seed: 0.07,
     * 0.10, 0.25 and 0.06 sds). The difference is the optimiser's noise at the end of a stochastic
     * fit (damped by the plateau decay of the learning rate) plus the Monte Carlo error of the
     * summary draws of each fit; the seed is fixed.
     */
    @Test
    void minibatchFitMatchesTheFullDataFit() {
        RegressionModel m = model();
        RegressionFit.Result full = RegressionFit.fit(m, config(), false);
        RegressionFit.Result batch = RegressionFit.fit(m, config().withBatchSize(100), false);
        assertTrue(full.verdict().isUsable(), full.optimisation().reason());
        assertTrue(batch.verdict().isUsable(), batch.optimisation().reason());
        Map<String, ParameterSummary> f = full.summaries();
        Map<String, ParameterSummary> b = batch.summaries();
        for (String name : new String[] {"b_Intercept", "b_x", "sd_g__Intercept", "sigma"}) {
            double sd = f.get(name).sd()[0];
            assertEquals(f.get(name).mean()[0], b.get(name).mean()[0], 0.4 * sd, name + " (posterior sd " + sd + ")");
        }
        assertEquals(600, batch.pointwiseLogLik()[0].length);
        assertTrue(batch.draws().evidence().isPresent());
    }

    /** Same seed, same bits: the batches come from the step's random stream (the loop runs on one thread). */
    @Test
    void minibatchFitIsDeterministic() {
        RegressionModel m = model();
        FitConfig c = config().withBatchSize(50).withMaxSteps(300);
        Optimisation a = DensityFit.fit(m, m.initialPoint(), m.layout().coordinateNames(), c);
        Optimisation b = DensityFit.fit(m, m.initialPoint(), m.layout().coordinateNames(), c);
        assertArrayEquals(a.trace(), b.trace(), 0.0);
        assertArrayEquals(a.guide().mean(), b.guide().mean(), 0.0);
        Optimisation other = DensityFit.fit(m, m.initialPoint(), m.layout().coordinateNames(), c.withSeed(12));
        assertTrue(other.trace()[0] != a.trace()[0], "another seed draws other batches");
    }

    @Test
    void rejectsABatchLargerThanTheDataOrAModeSearch() {
        RegressionModel m = model();
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class, () -> DensityFit.fit(m,
                m.initialPoint(), m.layout().coordinateNames(), config().withBatchSize(601)));
        assertEquals("DensityFit: batchSize must be <= the number of observations (600), got 601", tooLarge.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DensityFit.fit(m, m.initialPoint(),
                m.layout().coordinateNames(), config().withBatchSize(10).withGuide(GuideFamily.LAPLACE)));
    }
}
