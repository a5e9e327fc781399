package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.DenseCholesky;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.ImportanceSample;
import org.elbo4j.bayes.InitStrategy;
import org.elbo4j.bayes.SummarySource;
import org.elbo4j.bayes.UnconstrainedGaussian;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.elbo4j.infer.PsisLoo;
import org.junit.jupiter.api.Test;

/**
 * What a regression fit hands to PSIS-LOO and the importance-weighted summaries when its Gaussian
 * is too far from the posterior for PSIS summaries (k̂ ≥ 0.7): the mean-field guide on the crossed
 * gaussian model of {@link FullRankStartTest} (k̂ ≥ 0.7 at this seed, asserted; 200 evidence draws). Checks:
 * the summaries are q's own draws, the importance sample is flagged unreliable, the weighted
 * summaries name the same quantities, the LOO input is the pointwise log-likelihood of the S
 * evidence draws (to 1e−12) with log ratios equal to ℓ(u_s) − log q(u_s) up to one constant (to
 * 1e−8), which is what {@code infer.PsisLoo.of(logLik, logRatios)} (tested against R's
 * {@code loo_approximate_posterior} in PsisLooTest) expects. With PSIS summaries (k̂ &lt; 0.7: the
 * same data without the group terms, y ~ x, whose posterior is close to Gaussian) the LOO input is
 * the summaries' draws without ratios and there are no weighted summaries.
 */
class ImportanceLooTest {

    private static RegressionModel model() {
        DataFrame data = DataFrame.parse(SimulatedData.crossedGaussian(5, 30, 20, 1.2, 0.5, 1, 0.5, 1), "sim.csv");
        return RegressionModel.of(ModelFrame.of(Formula.parse("y ~ x + (1 | subject) + (1 | item)"), data),
                Families.parse("gaussian"), null);
    }

    @Test
    void drawsOfTheGaussianComeWithTheirImportanceRatios() {
        RegressionModel m = model();
        FitConfig config = FitConfig.defaults().withInit(InitStrategy.zero()).withEvidenceSamples(200).withSeed(1);
        RegressionFit.Result r = RegressionFit.fit(m, config, false);
        ImportanceSample is = r.draws().importance().orElseThrow();
        assertTrue(is.khat() >= 0.7, "precondition: khat " + is.khat());
        assertFalse(is.reliable());
        assertEquals(SummarySource.GUIDE, r.draws().source());
        assertEquals(r.summaries().keySet(), r.weightedSummaries().keySet());
        double[][] ll = r.looInput().logLik();
        double[] ratios = r.looInput().logRatios();
        assertNotNull(ratios);
        assertEquals(200, ll.length);
        UnconstrainedGaussian q = r.optimisation().guide();
        DenseCholesky chol = DenseCholesky.of(q.covariance());
        double constant = Double.NaN;
        double[] pw = new double[m.observationCount()];
        for (int s = 0; s < ll.length; s++) {
            double[] u = is.draws()[s];
            m.pointwiseLogLikelihood(u, pw);
            for (int i = 0; i < pw.length; i++) {
                assertEquals(pw[i], ll[s][i], 1e-12);
            }
            double[] dev = u.clone();
            for (int i = 0; i < dev.length; i++) {
                dev[i] -= q.mean()[i];
            }
            double[] z = chol.solveLower(dev);
            double half = 0;
            for (double v : z) {
                half += 0.5 * v * v;
            }
            double[] value = new double[1];
            m.logDensities(u, 1, value, null);
            double c = ratios[s] - (value[0] + half);
            if (s == 0) {
                constant = c;
            }
            assertEquals(constant, c, 1e-8 * Math.max(1, Math.abs(constant)), "draw " + s);
        }
    }

    /**
     * PSIS-resampled summaries: PSIS-LOO still takes q's own evidence draws with their ratios (the
     * resampled draws repeat draws, whose tied ratios leave PSIS-LOO no Pareto tail to fit).
     */
    @Test
    void psisSummariesLeaveLooToTheDrawsOfQWithTheirRatios() {
        DataFrame data = DataFrame.parse(SimulatedData.crossedGaussian(5, 30, 20, 1.2, 0.5, 1, 0.5, 1), "sim.csv");
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse("y ~ x"), data), Families.parse("gaussian"),
                null);
        FitConfig config = FitConfig.defaults().withEvidenceSamples(200).withSeed(1);
        RegressionFit.Result r = RegressionFit.fit(m, config, false);
        assertEquals(SummarySource.PSIS, r.draws().source(), "precondition: khat "
                + r.draws().importance().orElseThrow().khat());
        assertTrue(r.draws().importance().orElseThrow().reliable());
        ImportanceSample is = r.draws().importance().orElseThrow();
        assertArrayEquals(is.logRatios(), r.looInput().logRatios());
        assertEquals(is.draws().length, r.looInput().logLik().length);
        assertNotSame(r.pointwiseLogLik(), r.looInput().logLik());
        assertTrue(r.weightedSummaries().isEmpty());
        PsisLoo loo = PsisLoo.of(r.looInput().logLik(), r.looInput().logRatios());
        assertTrue(Double.isFinite(loo.elpdLoo()), "elpd_loo " + loo.elpdLoo());
    }
}
