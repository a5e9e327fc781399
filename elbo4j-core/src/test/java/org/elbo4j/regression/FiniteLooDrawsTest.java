package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.infer.PsisLoo;
import org.junit.jupiter.api.Test;

/**
 * The draws PSIS-LOO and WAIC get: a draw where a pointwise log-likelihood or its log p/q ratio is
 * not finite (zero posterior density, e.g. exp(η) overflowing far in q's tail) is left out and
 * counted, instead of PSIS-LOO refusing the whole matrix after a finished fit.
 */
class FiniteLooDrawsTest {

    private static double[][] logLik() {
        return new double[][] {
            {-1.0, -2.0, -0.5},
            {-1.1, Double.NEGATIVE_INFINITY, -0.4},
            {-0.9, -2.1, -0.6},
            {Double.NaN, -1.9, -0.5},
            {-1.2, -2.2, -0.7},
        };
    }

    @Test
    void drawsWithANonFiniteLogLikelihoodAreLeftOutAndCounted() {
        double[][] ll = logLik();
        RegressionFit.LooInput in = RegressionFit.finite(ll, null);
        assertEquals(2, in.dropped());
        assertNull(in.logRatios());
        assertEquals(3, in.logLik().length);
        assertSame(ll[0], in.logLik()[0]);
        assertSame(ll[2], in.logLik()[1]);
        assertSame(ll[4], in.logLik()[2]);
    }

    @Test
    void psisLooRunsOnTheKeptDrawsWhereTheWholeMatrixIsRefused() {
        java.util.Random r = new java.util.Random(7);
        double[][] ll = new double[40][4];
        for (double[] row : ll) {
            for (int i = 0; i < row.length; i++) {
                row[i] = -1 - 0.1 * r.nextGaussian();
            }
        }
        ll[5][2] = Double.NEGATIVE_INFINITY;
        ll[17][0] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> PsisLoo.of(ll));
        RegressionFit.LooInput in = RegressionFit.finite(ll, null);
        assertEquals(2, in.dropped());
        PsisLoo loo = PsisLoo.of(in.logLik());
        assertEquals(38, loo.draws());
        assertTrue(Double.isFinite(loo.elpdLoo()));
    }

    @Test
    void aNonFiniteRatioDropsItsDrawAndTheRatiosStayAligned() {
        double[][] ll = logLik();
        double[] ratios = {0.1, 0.2, Double.NEGATIVE_INFINITY, 0.4, 0.5};
        RegressionFit.LooInput in = RegressionFit.finite(ll, ratios);
        assertEquals(3, in.dropped());
        assertArrayEquals(new double[] {0.1, 0.5}, in.logRatios(), 0);
        assertSame(ll[0], in.logLik()[0]);
        assertSame(ll[4], in.logLik()[1]);
    }

    @Test
    void allFiniteDrawsAreTheSameArrays() {
        double[][] ll = {{-1, -2}, {-1.5, -2.5}};
        double[] ratios = {0.3, -0.3};
        RegressionFit.LooInput in = RegressionFit.finite(ll, ratios);
        assertSame(ll, in.logLik());
        assertSame(ratios, in.logRatios());
        assertEquals(0, in.dropped());
    }
}
