package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.elbo4j.infer.Verdict;
import org.junit.jupiter.api.Test;

/**
 * A seeded simulated hierarchical Poisson data set, y ~ Poisson(exp(0.5 + r_j0 + (0.3 + r_j1) x)),
 * 40 groups of 40 rows, sd = (0.5, 0.25), correlation 0.3 ({@link SimulatedData}), fitted as
 * {@code fit --formula "y ~ x + (1 + x | g)" --family poisson} does (mean-field guide started at the
 * model's initial point). Tolerances are about three sampling sds of each estimate with 40 groups
 * (b_Intercept ± 0.3 ≈ 3 · 0.5/√40 plus the approximation's bias, b_x ± 0.15, the sds within 40 %,
 * the correlation ± 0.45), so a fresh seed would fail with probability of order 1 %; the seed is fixed.
 */
class RecoveryTest {

    @Test
    void recoversTheTrueParameters() {
        DataFrame data = DataFrame.parse(SimulatedData.poissonGroups(12, 40, 40, 0.5, 0.3, 0.5, 0.25, 0.3), "sim.csv");
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse("y ~ x + (1 + x | g)"), data),
                Families.parse("poisson"), null);
        RegressionFit.Result r = RegressionFit.fit(m, FitConfig.defaults().withInit(InitStrategy.zero())
                .withEvidenceSamples(200), false);
        assertEquals(Verdict.CONVERGED, r.verdict(), r.optimisation().reason());
        Map<String, ParameterSummary> s = r.summaries();
        assertEquals(0.5, s.get("b_Intercept").mean()[0], 0.3);
        assertEquals(0.3, s.get("b_x").mean()[0], 0.15);
        assertEquals(0.5, s.get("sd_g__Intercept").mean()[0], 0.2);
        assertEquals(0.25, s.get("sd_g__x").mean()[0], 0.1);
        assertEquals(0.3, s.get("cor_g__Intercept__x").mean()[0], 0.45);
        assertEquals(1600, r.pointwiseLogLik()[0].length);
        assertTrue(r.draws().evidence().isPresent());
    }
}
