package org.elbo4j.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.infer.Verdict;
import org.junit.jupiter.api.Test;

class VariationalMixtureTest {

    @Test
    void elboNeverDecreasesAndSurplusComponentsArePruned() {
        MixtureData data = MixtureData.of(ExpectationMaximizationTest.sample(900, 17, null));
        for (WeightPrior prior : WeightPrior.values()) {
            VariationalFit fit = VariationalMixture.of(8, prior).weightConcentration(1e-3).seed(4).fit(data);
            assertEquals(Verdict.CONVERGED, fit.verdict(), prior + ": " + fit.reason());
            assertTrue(fit.trace().size() > 3);
            assertTrue(fit.trace().largestRelativeDecrease() <= 1e-12, prior + " fell by "
                    + fit.trace().largestRelativeDecrease());
            int effective = fit.mixture().components();
            assertTrue(effective >= 3 && effective <= 4, prior + ": " + effective + " effective components, pruned "
                    + fit.pruned());
            assertEquals(8, effective + fit.pruned().size());
            double kept = 0;
            for (int c : fit.kept()) {
                kept += fit.effectiveCounts()[c];
            }
            assertTrue(kept > 900 - 8, "the kept components hold almost every point: " + kept);
            // the three true means are found among the kept components
            for (double[] m : ExpectationMaximizationTest.MEANS) {
                double best = Double.POSITIVE_INFINITY;
                for (int c = 0; c < effective; c++) {
                    double dx = fit.mixture().mean(c)[0] - m[0];
                    double dy = fit.mixture().mean(c)[1] - m[1];
                    best = Math.min(best, Math.hypot(dx, dy));
                }
                assertTrue(best < 0.4, prior + ": no component near " + java.util.Arrays.toString(m));
            }
        }
    }

    @Test
    void elboIsBelowTheBestLogLikelihoodPlusPriorMass() {
        // the ELBO bounds log p(X), which for these priors is far below the maximised likelihood
        MixtureData data = MixtureData.of(ExpectationMaximizationTest.sample(300, 3, null));
        VariationalFit vb = VariationalMixture.of(3, WeightPrior.DIRICHLET_DISTRIBUTION).fit(data);
        MixtureFit em = ExpectationMaximization.of(3, CovarianceType.FULL).restarts(3).fit(data);
        assertTrue(vb.elbo() < em.logLikelihood(), vb.elbo() + " vs " + em.logLikelihood());
    }

    @Test
    void sameBitsForOneAndTwoThreads() {
        MixtureData data = MixtureData.of(ExpectationMaximizationTest.sample(5000, 23, null));
        int saved = org.elbo4j.tensor.kernel.Parallel.threads();
        try {
            org.elbo4j.tensor.kernel.Parallel.setThreads(1);
            VariationalFit one = VariationalMixture.of(5, WeightPrior.DIRICHLET_PROCESS).maxIterations(20).fit(data);
            org.elbo4j.tensor.kernel.Parallel.setThreads(2);
            VariationalFit two = VariationalMixture.of(5, WeightPrior.DIRICHLET_PROCESS).maxIterations(20).fit(data);
            org.junit.jupiter.api.Assertions.assertArrayEquals(one.trace().toArray(), two.trace().toArray());
            org.junit.jupiter.api.Assertions.assertArrayEquals(one.effectiveCounts(), two.effectiveCounts());
        } finally {
            org.elbo4j.tensor.kernel.Parallel.setThreads(saved);
        }
    }

    @Test
    void badInput() {
        MixtureData data = MixtureData.of(ExpectationMaximizationTest.sample(4, 3, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VariationalMixture.of(5, WeightPrior.DIRICHLET_PROCESS).fit(data));
        assertTrue(e.getMessage().contains("k = 5 exceeds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VariationalMixture.of(0, WeightPrior.DIRICHLET_PROCESS));
        assertThrows(IllegalArgumentException.class,
                () -> VariationalMixture.of(2, WeightPrior.DIRICHLET_PROCESS).weightConcentration(0).fit(data));
    }
}
