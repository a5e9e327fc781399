package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link LogWeights#summary} against direct sums, with and without weights of exactly 0. */
class LogWeightsSummaryTest {

    @Test
    void finiteWeightsGiveTheMeanTheLogMeanExpAndTheEss() {
        double[] logW = {0.1, -0.3, 0.7, 0.2};
        LogWeights.Summary s = LogWeights.summary(logW);
        double sum = 0;
        double sum2 = 0;
        double mean = 0;
        for (double v : logW) {
            sum += Math.exp(v);
            sum2 += Math.exp(2 * v);
            mean += v / logW.length;
        }
        assertEquals(mean, s.mean(), 1e-15);
        assertEquals(Math.log(sum / logW.length), s.logMeanExp(), 1e-15);
        assertEquals(sum * sum / sum2, s.ess(), 1e-12);
    }

    @Test
    void aZeroWeightKeepsTheEvidenceButMakesTheMeanOfLogWMinusInfinity() {
        double[] logW = {0.0, Double.NEGATIVE_INFINITY, 0.0, 0.0};
        LogWeights.Summary s = LogWeights.summary(logW);
        assertTrue(s.hasEstimate());
        assertEquals(Math.log(3.0 / 4), s.logMeanExp(), 1e-15);
        assertEquals(3, s.ess(), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, s.mean());
    }

    @Test
    void aNanOrPlusInfinityOrAllZeroWeightsLeaveNoEstimate() {
        assertFalse(LogWeights.summary(new double[] {0, Double.NaN, 0}).hasEstimate());
        assertFalse(LogWeights.summary(new double[] {0, Double.POSITIVE_INFINITY, 0}).hasEstimate());
        assertFalse(LogWeights.summary(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}).hasEstimate());
    }
}
