package org.elbo4j.bayes;

import org.elbo4j.infer.ConvergenceMonitor;

import org.elbo4j.infer.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fit's verdicts on a plateau, a divergent learning rate and a NaN log density (seeded). */
class VerdictTest {

    @Test
    void aFlatOptimumStopsAsConvergedOrPlateau() {
        FitResult r = BayesFit.fit(ConjugateRegressionFixture.model(false), FitConfig.defaults().withSeed(11));
        assertTrue(r.verdict() == Verdict.CONVERGED || r.verdict() == Verdict.PLATEAU, r.verdict() + ": " + r.reason());
        assertTrue(r.steps() < FitConfig.defaults().maxSteps(), "stopped early");
    }

    @Test
    void aDivergentLearningRateIsReported() {
        FitResult r = BayesFit.fit(ConjugateRegressionFixture.model(false),
                FitConfig.defaults().withLearningRate(200).withSeed(11));
        assertTrue(r.verdict() == Verdict.DIVERGING || r.verdict() == Verdict.NON_FINITE, r.verdict() + ": " + r.reason());
    }

    @Test
    void aNanLogDensityIsCaught() {
        BayesModel nanWhenNegative = new BayesModel() {
            @Override
            public List<Parameter> parameters() {
                return List.of(Parameter.real("mu"));
            }

            @Override
            public int observationCount() {
                return 1;
            }

            @Override
            public Tensor logPrior(ParameterValues theta) {
                return theta.get("mu").log();
            }

            @Override
            public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
                return Tensor.zeros(theta.count());
            }
        };
        FitResult r = BayesFit.fit(nanWhenNegative, FitConfig.defaults().withInit(InitStrategy.given(
                java.util.Map.of("mu", new double[] {-1.0}))).withSeed(2));
        assertEquals(Verdict.NON_FINITE, r.verdict(), r.reason());
        assertTrue(r.evidence().isEmpty());
    }

    @Test
    void theMonitorNeedsTwoQuietWindowsToConverge() {
        ConvergenceMonitor m = ConvergenceMonitor.of(10, 1e-3);
        Verdict v = null;
        int steps = 0;
        while (v == null && steps < 1000) {
            v = m.add(-100.0);
            steps++;
        }
        assertEquals(Verdict.CONVERGED, v);
        assertEquals(30, steps, "windows 1-3: the first has no predecessor, two quiet comparisons follow");
    }
}
