package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The generalized Pareto shape estimator on exact GPD samples: x = σ/k ((1 − U)^(−k) − 1).
 * With n = 2000 the estimator's sd is about (1 + k)/√n ≤ 0.034; the tolerance 0.15 is > 4 sd
 * (false-failure rate &lt; 1e−4 per case for a fresh seed).
 */
class ParetoKTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.4, 0.7, 1.0})
    void recoversTheShapeOfGeneralizedParetoSamples(double k) {
        Rng rng = Rng.of(99);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2.0 / k * (Math.pow(1 - rng.nextDouble(), -k) - 1);
        }
        assertEquals(k, ParetoK.generalizedParetoShape(x), 0.15);
    }

    @Test
    void gaussianLogWeightsWithSmallVarianceGiveSmallK() {
        Rng rng = Rng.of(5);
        double[] logW = new double[4000];
        for (int i = 0; i < logW.length; i++) {
            logW[i] = 0.1 * rng.nextGaussian();
        }
        // log-normal weights with σ = 0.1 have a light tail: k̂ well below 0.5
        double k = ParetoK.ofLogWeights(logW);
        assertEquals(0.0, k, 0.3);
    }

    @Test
    void rejectsTooFewWeights() {
        assertThrows(IllegalArgumentException.class, () -> ParetoK.ofLogWeights(new double[5]));
        // 24 weights leave 4 in the tail, too few for the fit; 25 leave 5
        double[] logW = new double[ParetoK.MIN_WEIGHTS];
        for (int i = 0; i < logW.length; i++) {
            logW[i] = Math.sqrt(i);
        }
        assertThrows(IllegalArgumentException.class,
                () -> ParetoK.ofLogWeights(java.util.Arrays.copyOf(logW, ParetoK.MIN_WEIGHTS - 1)));
        assertTrue(Double.isFinite(ParetoK.ofLogWeights(logW)));
    }
}
