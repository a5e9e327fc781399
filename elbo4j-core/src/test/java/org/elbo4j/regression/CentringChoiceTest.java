package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * {@link CentringChoice}: κ = min_k median_j sd_k² τ_jk in closed form, and the automatic choice on
 * data that pin each level (crossed gaussian, 20 subjects × 15 items, one row per pair: 15 rows per
 * subject, 20 per item, σ = 1, sds 1.2 and 0.7, so κ ≈ 22 and 10) and on data that do not (bernoulli,
 * 60 groups of 3 rows, group sd 0.3: κ ≈ 0.3² · 3 · 0.25 ≈ 0.07); both far from the threshold 1, so
 * the outcome does not hinge on the pilot's Monte Carlo noise (fixed seeds anyway).
 */
class CentringChoiceTest {

    private static RegressionModel crossed() {
        DataFrame data = DataFrame.parse(SimulatedData.crossedGaussian(3, 20, 15, 1.2, 0.5, 1.2, 0.7, 1),
                "crossed.csv");
        return RegressionModel.of(ModelFrame.of(Formula.parse("y ~ x + (1 | subject) + (1 | item)"), data),
                Families.parse("gaussian"), null);
    }

    @Test
    void kappaIsSdSquaredTimesTheFisherInformationOfTheTypicalLevel() {
        RegressionModel m = crossed();
        double[] u = new double[m.dim()];
        RegressionLayout layout = m.layout();
        GroupBlock subject = layout.groups().get(0);
        GroupBlock item = layout.groups().get(1);
        u[subject.sdAt()] = Math.log(0.8);
        u[item.sdAt()] = Math.log(0.2);
        u[layout.interceptAt()] = 0.7;
        u[layout.auxAt()] = Math.log(2);
        CentringChoice c = CentringChoice.at(m, u);
        // gaussian: w_i = 1/σ² = 1/4 for every row; τ_subject = 15/4, τ_item = 20/4
        assertEquals(0.64 * 15 / 4, c.terms().get(0).informativeness(), 1e-12);
        assertEquals(0.04 * 20 / 4, c.terms().get(1).informativeness(), 1e-12);
        assertEquals(List.of(Centring.CENTRED, Centring.NONCENTRED), c.centring());
        // the same point in centred coordinates (r = 0 = z here) gives the same κ
        assertEquals(c, CentringChoice.at(m.withCentring(List.of(Centring.CENTRED, Centring.CENTRED)), u));
    }

    @Test
    void poissonWeightsAreTheMeans() {
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse("y ~ x + (1 | g)"), RegressionModelTest.DATA),
                Families.parse("poisson"), null);
        double[] u = new double[m.dim()];
        u[m.layout().interceptAt()] = Math.log(3);
        double[] w = m.workingWeights(u);
        double[] x = m.frame().x().rows()[0];
        assertEquals(1, x[0]);
        for (double wi : w) {
            assertEquals(3, wi, 1e-12);
        }
    }

    /** The pilot's κ and a centred full-rank fit are the same bits with one and with two threads. */
    @Test
    void sameBitsWithOneOrTwoThreads() {
        int threads = Parallel.threads();
        try {
            RegressionModel m = crossed();
            FitConfig config = FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withInit(InitStrategy.zero())
                    .withParticles(4).withMaxSteps(300).withEvidenceSamples(100).withPosteriorDraws(100).withSeed(3);
            Parallel.setThreads(1);
            CentringChoice one = CentringChoice.pilot(m, 2);
            RegressionFit.Result a = RegressionFit.fit(m.withCentring(one.centring()), config, true);
            Parallel.setThreads(2);
            CentringChoice two = CentringChoice.pilot(m, 2);
            RegressionFit.Result b = RegressionFit.fit(m.withCentring(two.centring()), config, true);
            assertEquals(one, two);
            assertArrayEquals(a.optimisation().guide().mean(), b.optimisation().guide().mean());
            assertEquals(Double.doubleToLongBits(a.draws().elbo()), Double.doubleToLongBits(b.draws().elbo()));
            for (String name : a.summaries().keySet()) {
                assertEquals(a.summaries().get(name).mean()[0], b.summaries().get(name).mean()[0], 0, name);
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void pilotCentresInformedTermsAndLeavesWeakOnesNoncentred() {
        CentringChoice strong = CentringChoice.pilot(crossed(), 1);
        assertEquals(List.of(Centring.CENTRED, Centring.CENTRED), strong.centring());
        assertTrue(strong.terms().get(0).informativeness() > 5 && strong.terms().get(1).informativeness() > 3,
                strong.toString());
        assertEquals(strong, CentringChoice.pilot(crossed(), 1), "deterministic");
        DataFrame weak = DataFrame.parse(SimulatedData.poissonGroups(9, 60, 3, 0, 0.3, 0.3, 0.2, 0), "weak.csv");
        RegressionModel b = RegressionModel.of(ModelFrame.of(Formula.parse("yb ~ x + (1 | g)"), weak),
                Families.parse("bernoulli"), null);
        CentringChoice c = CentringChoice.pilot(b, 1);
        assertEquals(List.of(Centring.NONCENTRED), c.centring());
        assertTrue(c.terms().get(0).informativeness() < 0.3, c.toString());
    }
}
