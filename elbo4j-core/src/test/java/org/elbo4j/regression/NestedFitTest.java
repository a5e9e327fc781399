package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.bayes.SummarySource;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.elbo4j.infer.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The nested Laplace guide through {@link RegressionFit} as {@code fit --formula --guide nested}
 * runs it ({@link FormulaFitDefaults}): on the simulated hierarchical Poisson data of
 * {@link RecoveryTest} it converges, its importance weights are usable (k̂ &lt; 0.7, PSIS summaries),
 * and it recovers the true parameters with {@link RecoveryTest}'s tolerances (about three sampling
 * sds with 40 groups: a fresh seed fails with probability of order 1 %; the seed is fixed).
 * The fit is the same in the centred and the non-centred parametrisation: given the hyperparameters
 * the two are linear images of each other and the Laplace approximation is affine-invariant, so the
 * hyperparameters' summaries agree to Monte Carlo error only through the different draws of x
 * (the same θ draws: the t noise comes first), within 0.05 posterior sd here.
 */
class NestedFitTest {

    private static final DataFrame DATA = DataFrame.parse(
            SimulatedData.poissonGroups(12, 40, 40, 0.5, 0.3, 0.5, 0.25, 0.3), "sim.csv");

    private static RegressionFit.Result fit(RegressionModel m) {
        FitConfig config = FormulaFitDefaults.of(m, FitConfig.defaults().withGuide(GuideFamily.NESTED_LAPLACE)
                .withSeed(3), false, false, false, false);
        return RegressionFit.fit(m, config, false);
    }

    @Test
    void recoversTheTrueParametersWithUsableWeights() {
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse("y ~ x + (1 + x | g)"), DATA),
                Families.parse("poisson"), null);
        RegressionFit.Result r = fit(m);
        assertEquals(Verdict.CONVERGED, r.verdict(), r.optimisation().reason());
        assertTrue(r.draws().evidence().orElseThrow().khat() < 0.7, "khat " + r.draws().evidence().get().khat());
        assertEquals(SummarySource.PSIS, r.draws().source());
        Map<String, ParameterSummary> s = r.summaries();
        assertEquals(0.5, s.get("b_Intercept").mean()[0], 0.3);
        assertEquals(0.3, s.get("b_x").mean()[0], 0.15);
        assertEquals(0.5, s.get("sd_g__Intercept").mean()[0], 0.2);
        assertEquals(0.25, s.get("sd_g__x").mean()[0], 0.1);
        assertEquals(0.3, s.get("cor_g__Intercept__x").mean()[0], 0.45);
        assertTrue(r.looInput().logLik().length <= RegressionFit.LOO_DRAWS);
    }

    @Test
    void theCentredAndNonCentredFormsGiveTheSameFit() {
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse("y ~ x + (1 + x | g)"), DATA),
                Families.parse("poisson"), null);
        RegressionFit.Result nc = fit(m);
        RegressionFit.Result c = fit(m.withCentring(java.util.List.of(Centring.CENTRED)));
        assertEquals(nc.optimisation().steps(), c.optimisation().steps());
        for (String name : new String[] {"sd_g__Intercept", "sd_g__x", "cor_g__Intercept__x", "b_Intercept", "b_x"}) {
            ParameterSummary a = nc.summaries().get(name);
            ParameterSummary b = c.summaries().get(name);
            assertEquals(a.mean()[0], b.mean()[0], 0.05 * a.sd()[0], name);
        }
        // the hyperparameters' mode and curvature are the same to the outer search's precision
        double[] ma = nc.optimisation().guide().mean();
        double[] mb = c.optimisation().guide().mean();
        for (int h : m.hyperparameters()) {
            assertEquals(ma[h], mb[h], 1e-4, "mode of coordinate " + h);
        }
    }
}
